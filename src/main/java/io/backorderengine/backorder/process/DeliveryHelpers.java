package io.backorderengine.backorder.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Threads that help the thread which queued a batch of work to get through it: the caller takes items
 * itself, and each idle helper takes items beside it until none are left.
 *
 * <p>Helpers are never queued for: when all are busy (another receipt's messages), the caller does the
 * rest alone. So a caller never waits for a helper that has not started, only for the item a started
 * helper is still working on, and the caller's work is done when it returns.
 */
final class DeliveryHelpers {

    private final ThreadPoolExecutor pool;

    /** {@code count} helpers at most; 0 leaves all work to the caller. */
    DeliveryHelpers(int count) {
        AtomicInteger numbers = new AtomicInteger();
        this.pool = count == 0
                ? null
                : new ThreadPoolExecutor(0, count, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), work -> {
                    Thread thread = new Thread(work, "case-delivery-" + numbers.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Works through {@code items} with {@code work}, on this thread and on the idle helpers. */
    <T> void deliver(List<T> items, Consumer<T> work) {
        Queue<T> left = new ConcurrentLinkedQueue<>(items);
        Runnable takeUntilDone = () -> {
            for (T item = left.poll(); item != null; item = left.poll()) {
                work.accept(item);
            }
        };
        List<Future<?>> started = new ArrayList<>();
        for (int i = 1; pool != null && i < items.size(); i++) {
            try {
                started.add(pool.submit(takeUntilDone));
            } catch (RejectedExecutionException allBusy) {
                break;
            }
        }
        takeUntilDone.run();
        for (Future<?> helper : started) {
            awaitHelper(helper);
        }
    }

    private static void awaitHelper(Future<?> helper) {
        try {
            helper.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException fault) {
                throw fault;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** How many helpers there may be at once. */
    int count() {
        return pool == null ? 0 : pool.getMaximumPoolSize();
    }

    void shutdown() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
