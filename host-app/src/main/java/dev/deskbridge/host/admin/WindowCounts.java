package dev.deskbridge.host.admin;

/**
 * How many conversations are in each window phase at one instant.
 *
 * @param open open, not closing soon
 * @param closing open but closing within the warning lead time
 * @param closed closed or never opened
 */
public record WindowCounts(long open, long closing, long closed) {
    public WindowCounts {
        if (open < 0 || closing < 0 || closed < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /** Every conversation. */
    public long total() {
        return open + closing + closed;
    }
}
