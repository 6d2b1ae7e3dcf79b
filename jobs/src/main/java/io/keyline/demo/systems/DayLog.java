package io.keyline.demo.systems;

import io.keyline.demo.TimeFormats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The audit log lines of one day, per format and folder, written in time order when the day is
 * complete: one JSON lines file per day ({@code <format>/[<folder>/]<yyyy-mm-dd>.jsonl}), or, for
 * the formats exported per cluster, one file per folder that grows by a day at a time. Only one day
 * is held in memory, whatever the window's length.
 */
final class DayLog {

    /** How a format's files are laid out. */
    enum Layout {
        /** One file per day. */
        DAILY,
        /** One file per folder for the whole window ({@code audit.jsonl}). */
        PER_FOLDER
    }

    private record Line(long time, long order, String text) {}

    private static final Comparator<Line> ORDER =
            Comparator.comparingLong(Line::time).thenComparingLong(Line::order);

    private final Output out;
    private final Map<String, Layout> layouts;
    private final Map<String, List<Line>> lines = new TreeMap<>();
    private final Set<Path> appended = new LinkedHashSet<>();
    private long order;

    DayLog(Output out, Map<String, Layout> layouts) {
        this.out = out;
        this.layouts = layouts;
    }

    /** A line of a format's log; {@code folder} may be null. Times are epoch seconds. */
    void add(String format, String folder, long time, String text) {
        String key = format + "\u0000" + (folder == null ? "" : folder);
        lines.computeIfAbsent(key, k -> new ArrayList<>()).add(new Line(time, order++, text));
    }

    /** Writes the lines of a day and forgets them. */
    void flush(long dayStart) throws IOException {
        for (Map.Entry<String, List<Line>> e : lines.entrySet()) {
            String[] key = e.getKey().split("\u0000", -1);
            String format = key[0];
            String folder = key[1].isEmpty() ? null : key[1];
            List<Line> day = e.getValue();
            day.sort(ORDER);
            StringBuilder text = new StringBuilder(day.size() * 600);
            for (Line line : day) {
                text.append(line.text()).append('\n');
            }
            Layout layout = layouts.getOrDefault(format, Layout.DAILY);
            String name =
                    layout == Layout.DAILY ? TimeFormats.day(dayStart) + ".jsonl" : "audit.jsonl";
            Path file = folder == null ? out.file(format, name) : out.file(format, folder, name);
            if (layout == Layout.DAILY) {
                out.text(format, file, day.size(), text.toString());
            } else {
                out.append(format, file, day.size(), text.toString());
                appended.add(file);
            }
        }
        lines.clear();
    }

    /** Counts the files written a day at a time, once the last day is written. */
    void complete() throws IOException {
        out.appendedComplete(appended);
    }
}
