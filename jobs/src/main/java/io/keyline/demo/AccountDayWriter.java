package io.keyline.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one account's CloudTrail records of one day, in time order: S3 delivery files of at most
 * {@value S3DeliveryFile#MAX_RECORDS} records, or one EventBridge file. Days of different accounts
 * are independent, so they are written in parallel.
 */
final class AccountDayWriter {

    /**
     * What was written.
     *
     * @param secrets the session tokens written, in order, at most the limit given
     * @param firstFile the first file written
     */
    record Result(int records, int files, long bytes, List<String> secrets, Path firstFile) {}

    private AccountDayWriter() {}

    static Result write(
            Estate e,
            OutputTree tree,
            int account,
            int day,
            DayBuffer buffer,
            List<EventBridgeFile.PlantedLine> planted,
            int maxSecrets)
            throws IOException {
        int[] order = buffer.timeOrder();
        List<String> secrets = new ArrayList<>();
        EventRenderer renderer = new EventRenderer(e, secrets, maxSecrets);
        String accountId = e.accountId(account);
        long dayStart = e.dayStart(day);
        List<Path> written = new ArrayList<>();
        if (e.eventBridge(account, day)) {
            Path path = tree.eventBridgeFile(accountId, dayStart);
            try (EventBridgeFile file = new EventBridgeFile(path, planted)) {
                for (int p = 0; p < order.length; p++) {
                    long hash = eventHash(e, account, day, p);
                    file.write(renderer.render(buffer, order[p], account, hash), ~hash);
                }
            }
            written.add(path);
        } else {
            Path folder = tree.cloudTrailDay(accountId, dayStart);
            for (int from = 0, chunk = 0;
                    from < order.length;
                    from += S3DeliveryFile.MAX_RECORDS, chunk++) {
                int to = Math.min(order.length, from + S3DeliveryFile.MAX_RECORDS);
                long delivered = deliveryTime(buffer.time(order[to - 1]), dayStart);
                String suffix =
                        Ids.alphanumeric(Seeds.rng(e.seed, Seeds.FILE, account, day, chunk), 16);
                Path path =
                        folder.resolve(
                                OutputTree.cloudTrailFileName(
                                        accountId, e.region(account), delivered, suffix));
                try (S3DeliveryFile file = new S3DeliveryFile(path)) {
                    for (int p = from; p < to; p++) {
                        long hash = eventHash(e, account, day, p);
                        file.write(renderer.render(buffer, order[p], account, hash), ~hash);
                    }
                }
                written.add(path);
            }
        }
        long bytes = 0;
        for (Path path : written) {
            bytes += Files.size(path);
        }
        return new Result(
                order.length,
                written.size(),
                bytes,
                secrets,
                written.isEmpty() ? null : written.get(0));
    }

    /** The hash of the {@code position}-th record of an account's day: its id is drawn from it. */
    private static long eventHash(Estate e, int account, int day, int position) {
        return Seeds.of(e.seed, Seeds.EVENT, account, day, position);
    }

    /**
     * When a file holding records up to {@code last} is delivered: the next five-minute mark, kept
     * within the day so the file stays in the day's folder.
     */
    private static long deliveryTime(long last, long dayStart) {
        long fiveMinutes = 5 * TimeFormats.MINUTE;
        long next = (Math.floorDiv(last, fiveMinutes) + 1) * fiveMinutes;
        return Math.min(next, dayStart + TimeFormats.DAY - TimeFormats.MINUTE);
    }
}
