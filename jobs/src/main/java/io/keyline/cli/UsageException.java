package io.keyline.cli;

/** A mistake in how a command was called: its message is the one sentence the user sees. */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
