package io.keyline.demo;

/** An access key's status at the end of the window. */
enum KeyStatus {
    ACTIVE("Active"),
    INACTIVE("Inactive"),
    DELETED("Deleted");

    private final String label;

    KeyStatus(String label) {
        this.label = label;
    }

    /** The status as IAM and the ground truth spell it. */
    String label() {
        return label;
    }
}
