package dev.websocket.server.benchmarks.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The comparison table: one row per scenario and metric, one column per server (the
 * median when a scenario ran several rounds), then ratios. A WAMP v2 row (scenario named
 * as its v1 twin's with {@value #V2_SUFFIX}) has this server's figure only, "v1 only" for
 * the peers, and in the last column its ratio to the v1 twin's row of the same run.
 */
final class Table {

	/** What a WAMP v2 scenario's name adds to its v1 twin's. */
	static final String V2_SUFFIX = " (v2)";

	/** How a value is printed. */
	enum Format {

		/** A count or rate, grouped thousands. */
		INTEGER,
		/** Microseconds printed as milliseconds. */
		MILLIS,
		/** Bytes printed as KiB. */
		KIB,
		/** A ratio of two figures, printed as {@code 0.97×}. */
		RATIO

	}

	private record Row(String scenario, String metric, Format format, Map<String, List<Double>> values) {

		/** The median of the rounds recorded for a server, or null. */
		@Nullable Double median(String server) {
			List<Double> rounds = this.values.get(server);
			if (rounds == null || rounds.isEmpty()) {
				return null;
			}
			List<Double> sorted = rounds.stream().sorted().toList();
			int n = sorted.size();
			return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
		}
	}

	private final List<Row> rows = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	void put(String scenario, String metric, Format format, String server, double value) {
		Row row = this.rows.stream()
			.filter((r) -> r.scenario.equals(scenario) && r.metric.equals(metric))
			.findFirst()
			.orElseGet(() -> {
				Row created = new Row(scenario, metric, format, new LinkedHashMap<>());
				this.rows.add(created);
				return created;
			});
		row.values.computeIfAbsent(server, (key) -> new ArrayList<>()).add(value);
	}

	void note(String scenario, String server, @Nullable String note) {
		if (note != null) {
			this.notes.add(scenario + ", " + server + ": " + note);
		}
	}

	String markdown() {
		StringBuilder md = new StringBuilder();
		boolean anyV2 = this.rows.stream().anyMatch(Table::isV2);
		md.append("| scenario | metric | this server | ceiling | Spring STOMP | this / ceiling | this / STOMP |")
			.append(anyV2 ? " this v2 / v1 |\n" : "\n");
		md.append("|---|---|---:|---:|---:|---:|---:|").append(anyV2 ? "---:|\n" : "\n");
		for (Row row : this.rows) {
			@Nullable Double self = row.median(Runner.THIS);
			@Nullable Double ceiling = row.median(Runner.CEILING);
			@Nullable Double stomp = row.median(Runner.STOMP);
			boolean v2 = isV2(row);
			md.append("| ")
				.append(row.scenario)
				.append(" | ")
				.append(row.metric)
				.append(" | ")
				.append(format(self, row.format))
				.append(" | ")
				.append(v2 ? "v1 only" : format(ceiling, row.format))
				.append(" | ")
				.append(v2 ? "v1 only" : format(stomp, row.format))
				.append(" | ")
				.append(ratio(self, ceiling))
				.append(" | ")
				.append(ratio(self, stomp))
				.append(" |");
			if (anyV2) {
				md.append(" ").append(v2 ? ratio(self, v1Twin(row)) : "–").append(" |");
			}
			md.append('\n');
		}
		if (!this.notes.isEmpty()) {
			md.append("\nNotes:\n");
			this.notes.forEach((note) -> md.append("- ").append(note).append('\n'));
		}
		return md.toString();
	}

	private static boolean isV2(Row row) {
		return row.scenario.endsWith(V2_SUFFIX);
	}

	/** This server's figure in the v1 row a v2 row is compared with, or null. */
	private @Nullable Double v1Twin(Row row) {
		String scenario = row.scenario.substring(0, row.scenario.length() - V2_SUFFIX.length());
		for (Row candidate : this.rows) {
			if (candidate.scenario.equals(scenario) && candidate.metric.equals(row.metric)) {
				return candidate.median(Runner.THIS);
			}
		}
		return null;
	}

	private static String format(@Nullable Double value, Format format) {
		if (value == null) {
			return "–";
		}
		return switch (format) {
			case INTEGER -> String.format(Locale.ROOT, "%,.0f", value);
			case MILLIS -> String.format(Locale.ROOT, "%.2f ms", value / 1000.0);
			case KIB -> String.format(Locale.ROOT, "%.1f KiB", value / 1024.0);
			case RATIO -> String.format(Locale.ROOT, "%.2f×", value);
		};
	}

	private static String ratio(@Nullable Double self, @Nullable Double peer) {
		if (self == null || peer == null || peer == 0) {
			return "–";
		}
		return String.format(Locale.ROOT, "%.2f×", self / peer);
	}

}
