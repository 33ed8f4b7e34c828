package dev.websocket.server.engine;

/**
 * The PUBLISH budget of each connection: how many PUBLISHes per second, and how many of
 * their characters per second, one connection may make the server fan out, each with a
 * burst. Beyond it a PUBLISH is refused (and counted as ignored with reason
 * {@link WampServerListener.IgnoredReason#OVER_BUDGET}): dropped, or, with policy
 * {@link OverflowPolicy#CLOSE}, the publisher is closed with 1008. A rate of zero turns
 * that half of the budget off; {@link #UNLIMITED} turns it off entirely.
 *
 * @param rate PUBLISHes per second, sustained; 0 for no limit
 * @param burst PUBLISHes accepted at once from a connection that was quiet
 * @param bytesRate characters of PUBLISH messages per second, sustained; 0 for no limit
 * @param bytesBurst characters accepted at once; at least the largest message, or such a
 * message would never pass
 * @param policy what a PUBLISH over budget does: {@code DROP} it, or {@code CLOSE} the
 * publisher
 */
public record PublishLimits(int rate, int burst, long bytesRate, long bytesBurst, OverflowPolicy policy) {

	/** No budget: every PUBLISH is accepted. */
	public static final PublishLimits UNLIMITED = new PublishLimits(0, 1, 0, 1, OverflowPolicy.DROP);

	/**
	 * The default budget: 100 PUBLISHes per second with bursts of 400, 512 KiB per second
	 * with bursts of 512 KiB, excess dropped. A person chatting, or a client publishing
	 * at 60 Hz, never reaches it; a burst fills at most 400 of a reader's 1,024 queued
	 * frames (the default outbound limit), and the sustained rate is one a reader keeps
	 * up with.
	 */
	public static final PublishLimits DEFAULT = new PublishLimits(100, 400, 512 * 1024, 512 * 1024,
			OverflowPolicy.DROP);

	public PublishLimits {
		if (rate < 0 || bytesRate < 0) {
			throw new IllegalArgumentException("PUBLISH rates must not be negative: " + rate + ", " + bytesRate);
		}
		if (burst < 1 || bytesBurst < 1) {
			throw new IllegalArgumentException("PUBLISH bursts must be at least 1: " + burst + ", " + bytesBurst);
		}
		if (policy == null) {
			throw new IllegalArgumentException("policy must not be null");
		}
	}

	/** Whether any PUBLISH can be refused. */
	public boolean limited() {
		return this.rate > 0 || this.bytesRate > 0;
	}

}
