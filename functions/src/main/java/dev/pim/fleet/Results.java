package dev.pim.fleet;

/** Where each execution's report is published for other systems to react to (the results queue). */
public interface Results {

    Results NONE = report -> {
    };

    void publish(Object report);
}
