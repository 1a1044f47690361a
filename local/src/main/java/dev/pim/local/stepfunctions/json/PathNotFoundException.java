package dev.pim.local.stepfunctions.json;

/** A path selected nothing in the data it was applied to. */
public final class PathNotFoundException extends RuntimeException {
    private final String path;

    public PathNotFoundException(String path, String message) {
        super(message);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
