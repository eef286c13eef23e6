package io.backorderengine.backorder.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a receipt's groups of messages are shared between the thread that queued them and the helpers. */
class DeliveryHelpersTests {

    private DeliveryHelpers helpers;

    @AfterEach
    void stop() {
        helpers.shutdown();
    }

    @Test
    void everyItemIsWorkedOnceAndTheCallerAndAHelperWorkSideBySide() {
        helpers = new DeliveryHelpers(1);
        Map<Integer, String> workedBy = new ConcurrentHashMap<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        // each thread waits on its first item for a second thread to start: only two working at once pass
        CountDownLatch bothWorking = new CountDownLatch(2);

        helpers.deliver(IntStream.range(0, 40).boxed().toList(), item -> {
            if (threads.add(Thread.currentThread().getName())) {
                bothWorking.countDown();
                await(bothWorking);
            }
            assertThat(workedBy.put(item, Thread.currentThread().getName())).isNull();
        });

        assertThat(workedBy).hasSize(40);
        assertThat(threads).hasSize(2).contains(Thread.currentThread().getName());
    }

    @Test
    void withoutHelpersTheCallerWorksThroughEverything() {
        helpers = new DeliveryHelpers(0);
        Set<String> threads = ConcurrentHashMap.newKeySet();

        helpers.deliver(
                List.of(1, 2, 3), item -> threads.add(Thread.currentThread().getName()));

        assertThat(threads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void whenTheHelpersAreBusyTheCallerDoesNotWaitForThem() throws Exception {
        helpers = new DeliveryHelpers(1);
        CountDownLatch helperBusy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // another caller's batch keeps the only helper working until released
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> helpers.deliver(List.of(1, 2), item -> {
            if (Thread.currentThread().getName().startsWith("case-delivery-")) {
                helperBusy.countDown();
                await(release);
            } else {
                await(helperBusy); // so the helper, not this caller, takes the second item
            }
        }));
        await(helperBusy);
        Set<String> threads = ConcurrentHashMap.newKeySet();

        helpers.deliver(
                List.of(1, 2, 3, 4), item -> threads.add(Thread.currentThread().getName()));

        assertThat(threads).containsExactly(Thread.currentThread().getName());
        release.countDown();
        other.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aHelpersFaultReachesTheCaller() {
        helpers = new DeliveryHelpers(1);
        String caller = Thread.currentThread().getName();
        CountDownLatch bothWorking = new CountDownLatch(2);
        Set<String> threads = ConcurrentHashMap.newKeySet();

        assertThatThrownBy(() -> helpers.deliver(List.of(1, 2), item -> {
                    if (threads.add(Thread.currentThread().getName())) {
                        bothWorking.countDown();
                        await(bothWorking);
                    }
                    if (!Thread.currentThread().getName().equals(caller)) {
                        throw new IllegalStateException("fault in a helper");
                    }
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("fault in a helper");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS))
                    .as("the other thread started in time")
                    .isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
