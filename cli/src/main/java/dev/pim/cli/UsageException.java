package dev.pim.cli;

/** Input the user must fix: one message naming what is wrong; exit code 2; nothing was written. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
