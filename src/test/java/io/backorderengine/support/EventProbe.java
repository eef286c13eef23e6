package io.backorderengine.support;

import java.util.function.Consumer;
import java.util.function.Predicate;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.EventListener;

/**
 * Lets a test act at the moment an application event is published, inside the publishing
 * transaction, to force an interleaving with another request (e.g. a receipt arriving after a stock
 * check but before the case is committed).
 */
@TestComponent
public class EventProbe {

    private volatile Consumer<Object> action;

    /** Runs the action once, on the next event of the type that matches. */
    public <T> void once(Class<T> type, Predicate<T> matches, Consumer<T> then) {
        this.action = event -> {
            if (type.isInstance(event) && matches.test(type.cast(event))) {
                this.action = null;
                then.accept(type.cast(event));
            }
        };
    }

    public void clear() {
        action = null;
    }

    @EventListener
    void on(Object event) {
        Consumer<Object> current = action;
        if (current != null) {
            current.accept(event);
        }
    }
}
