package io.backorderengine.backorder.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import io.backorderengine.backorder.internal.CaseInbox.MessageQueued;
import org.junit.jupiter.api.Test;

/** How the messages one transaction queued are grouped for delivery after it commits. */
class CaseMessageGroupsTests {

    @Test
    void aReceiptsMessagesGoTwentyToAGroupInTheOrderQueued() {
        List<MessageQueued> woken = IntStream.range(0, 45)
                .mapToObj(n -> new MessageQueued(n, "O" + n + "-1"))
                .toList();

        List<List<MessageQueued>> groups = CaseMessageDispatcher.groups(woken);

        assertThat(groups).extracting(List::size).containsExactly(20, 20, 5);
        assertThat(groups.stream().flatMap(List::stream).toList()).isEqualTo(woken);
    }

    @Test
    void aCasesSecondMessageGoesInTheNextGroupAfterItsFirst() {
        List<MessageQueued> queued = List.of(
                new MessageQueued(1, "A-1"),
                new MessageQueued(2, "B-1"),
                new MessageQueued(3, "A-1"),
                new MessageQueued(4, "C-1"),
                new MessageQueued(5, "A-1"));

        assertThat(CaseMessageDispatcher.groups(queued))
                .extracting(
                        group -> group.stream().map(MessageQueued::messageId).toList())
                .containsExactly(List.of(1L, 2L), List.of(3L, 4L), List.of(5L));
    }

    @Test
    void aSmallerShareSplitsTheQueueIntoMoreGroupsInTheSameOrder() {
        List<MessageQueued> woken = IntStream.range(0, 60)
                .mapToObj(n -> new MessageQueued(n, "O" + n + "-1"))
                .toList();

        List<List<MessageQueued>> groups = CaseMessageDispatcher.groups(woken, 12);

        assertThat(groups).extracting(List::size).containsExactly(12, 12, 12, 12, 12);
        assertThat(groups.stream().flatMap(List::stream).toList()).isEqualTo(woken);
    }
}
