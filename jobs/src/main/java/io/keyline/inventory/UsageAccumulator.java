package io.keyline.inventory;

import java.util.Arrays;
import org.apache.flink.annotation.Internal;

/**
 * One credential's use within one day window: counts, and the hashes of the distinct consumers and
 * resources kept as sorted arrays (Flink serializes primitive arrays natively).
 */
@Internal
public class UsageAccumulator {

    public String identityId;
    public long calls;
    public long errors;
    public long[] consumers = new long[0];
    public long[] resources = new long[0];

    public UsageAccumulator() {}

    static long[] addDistinct(long[] sorted, long value) {
        int at = Arrays.binarySearch(sorted, value);
        if (at >= 0) {
            return sorted;
        }
        int insert = -at - 1;
        long[] grown = new long[sorted.length + 1];
        System.arraycopy(sorted, 0, grown, 0, insert);
        grown[insert] = value;
        System.arraycopy(sorted, insert, grown, insert + 1, sorted.length - insert);
        return grown;
    }

    static long[] union(long[] a, long[] b) {
        long[] result = a;
        for (long v : b) {
            result = addDistinct(result, v);
        }
        return result;
    }
}
