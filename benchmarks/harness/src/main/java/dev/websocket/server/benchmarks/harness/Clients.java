package dev.websocket.server.benchmarks.harness;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

import io.netty.channel.ChannelOption;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.LoopResources;

/**
 * Opens load-generator connections: one non-pooled connection per client, spread over
 * {@code 127.0.0.2 ...} source addresses so that 10,000 connections do not exhaust
 * ephemeral ports, on a fixed set of event loops.
 */
final class Clients implements AutoCloseable {

	private final LoopResources loops;

	private final int sourceAddresses;

	private final List<Client> all = new ArrayList<>();

	/** Which client indexes connect with {@link #SMALL_RECEIVE_BUFFER}. */
	private volatile IntPredicate smallReceiveBuffer = (index) -> false;

	/**
	 * The socket receive buffer of a client that plays a reader that stopped reading:
	 * small and fixed (which turns the kernel's receive-buffer autotuning off), so that
	 * the server's writes back up into its own queue after a few KiB instead of the
	 * megabytes an autotuned loopback socket takes in.
	 */
	static final int SMALL_RECEIVE_BUFFER = 8192;

	Clients(int threads, int sourceAddresses) {
		this.loops = LoopResources.create("bench-client", threads, true);
		this.sourceAddresses = Math.max(1, sourceAddresses);
	}

	/**
	 * Makes the clients connected from now on whose index matches connect with
	 * {@link #SMALL_RECEIVE_BUFFER}.
	 * @param indexes which indexes
	 */
	void smallReceiveBuffer(IntPredicate indexes) {
		this.smallReceiveBuffer = indexes;
	}

	/**
	 * Starts connecting one client; the returned client's {@code ready} completes on
	 * WELCOME/CONNECTED.
	 */
	Client connect(URI serverUri, Protocol protocol, int index, Client.Listener listener) {
		Client client = new Client(index, protocol, listener);
		String source = "127.0.0." + (2 + (index % this.sourceAddresses));
		HttpClient http = HttpClient.newConnection()
			.runOn(this.loops)
			.bindAddress(() -> new InetSocketAddress(source, 0))
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 20_000)
			.option(ChannelOption.TCP_NODELAY, true);
		if (this.smallReceiveBuffer.test(index)) {
			http = http.option(ChannelOption.SO_RCVBUF, SMALL_RECEIVE_BUFFER);
		}
		URI uri = serverUri.resolve(protocol.path());
		Disposable disposable = http
			.websocket(WebsocketClientSpec.builder()
				.protocols(protocol.subprotocol())
				.maxFramePayloadLength(1024 * 1024)
				.build())
			.uri(uri)
			.handle((in, out) -> {
				in.withConnection((connection) -> {
					client.channel = connection.channel();
					connection.onDispose(() -> client.closed.complete(null));
				});
				in.receiveCloseStatus().subscribe((status) -> client.closeCode = status.code());
				String connect = protocol.connectFrame();
				if (connect != null) {
					client.send(connect);
				}
				return in.receiveFrames().doOnNext(client::onFrame).then();
			})
			.subscribe(null, (error) -> {
				client.ready.completeExceptionally(error);
				client.closed.complete(null);
			}, () -> {
				client.ready.completeExceptionally(new IllegalStateException("closed before ready"));
				client.closed.complete(null);
			});
		client.disposable = disposable;
		synchronized (this.all) {
			this.all.add(client);
		}
		return client;
	}

	/**
	 * Opens {@code count} clients with at most {@code concurrency} handshakes pending,
	 * waiting for each to be ready (or fail) within {@code timeout}.
	 * @return the clients in index order; failed ones have an exceptionally completed
	 * {@code ready}
	 */
	List<Client> open(int count, int concurrency, Duration timeout, IntFunction<URI> uriOf, Protocol protocol,
			IntFunction<Client.Listener> listenerOf) throws InterruptedException {
		Semaphore pending = new Semaphore(concurrency);
		List<Client> clients = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			if (!pending.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				Log.info("handshakes stalled: " + i + " of " + count + " started");
				break;
			}
			Client client = connect(uriOf.apply(i), protocol, i, listenerOf.apply(i));
			client.ready.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
				.whenComplete((c, error) -> pending.release());
			clients.add(client);
		}
		CompletableFuture.allOf(
				clients.stream().map((c) -> c.ready.exceptionally((error) -> null)).toArray(CompletableFuture[]::new))
			.join();
		return clients;
	}

	static long readyCount(List<Client> clients) {
		return clients.stream().filter((c) -> c.ready.isDone() && !c.ready.isCompletedExceptionally()).count();
	}

	/** Closes every client opened so far and waits (bounded) for the sockets to close. */
	void closeAll(Duration wait) {
		List<Client> clients;
		synchronized (this.all) {
			clients = new ArrayList<>(this.all);
			this.all.clear();
		}
		clients.forEach(Client::close);
		try {
			CompletableFuture.allOf(clients.stream().map((c) -> c.closed).toArray(CompletableFuture[]::new))
				.get(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			Log.info("some clients did not close within " + wait.toSeconds() + " s; disposing");
			clients.forEach((c) -> {
				Disposable d = c.disposable;
				if (d != null) {
					d.dispose();
				}
			});
		}
	}

	@Override
	public void close() {
		closeAll(Duration.ofSeconds(10));
		this.loops.disposeLater().block(Duration.ofSeconds(10));
	}

}
