package io.backorderengine.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each state column accepts exactly its enum's names: the CHECK the schema holds lists the same values as
 * the type the code writes, on H2 and on PostgreSQL, and a value outside it is refused.
 */
class StateColumnsTests extends ApplicationTest {

    private static final Pattern QUOTED = Pattern.compile("'([A-Z_]+)'");

    @Autowired
    JdbcClient jdbc;

    @ParameterizedTest(name = "{0}.{1}")
    @CsvSource({
        "communication, state, io.backorderengine.notification.EmailState, communication_state",
        "backorder_demand, status, io.backorderengine.inventory.DemandStatus, backorder_demand_status",
        "reservation, source, io.backorderengine.inventory.ReservationSource, reservation_source",
        "purchase_order, status, io.backorderengine.inventory.PurchaseOrderStatus, purchase_order_status",
        "order_line, outcome, io.backorderengine.order.LineOutcome, order_line_outcome",
        "case_message, outcome, io.backorderengine.backorder.process.CaseMessageDispatcher$Outcome, case_message_outcome",
        "backorder_case, status, io.backorderengine.backorder.CaseStatus, backorder_case_status",
        "case_promise, basis, io.backorderengine.inventory.SupplyBasis, case_promise_basis",
        "case_ledger, kind, io.backorderengine.backorder.CaseLedgerKind, case_ledger_kind",
        "case_decision, decision, io.backorderengine.backorder.CustomerDecision, case_decision_decision",
        "case_decision, channel, io.backorderengine.backorder.DecisionChannel, case_decision_channel",
        "case_outcome, type, io.backorderengine.backorder.OutcomeType, case_outcome_type",
        "webhook_delivery, state, io.backorderengine.webhook.DeliveryState, webhook_delivery_state"
    })
    void theSchemaAcceptsExactlyTheValuesOfTheType(String table, String column, String type, String constraint)
            throws ClassNotFoundException {
        Set<String> names = Arrays.stream(Class.forName(type).getEnumConstants())
                .map(e -> ((Enum<?>) e).name())
                .collect(Collectors.toCollection(LinkedHashSet::new));

        assertThat(allowed(constraint)).as("%s.%s", table, column).containsExactlyInAnyOrderElementsOf(names);
    }

    @Test
    void aValueOutsideTheListIsRefusedWhereItIsWritten() {
        String orderId = Catalog.unique("ORD");
        assertThat(api.placeOrder(orderId, "STANDARD", new Api.Line("1", catalog.product(0), 1))
                        .status())
                .isEqualTo(201);
        String insert = "insert into case_ledger (case_id, occurred_at, kind) values (?, current_timestamp, ?)";

        jdbc.sql(insert).params(orderId + "-1", "PROMISED").update();
        assertThatThrownBy(() ->
                        jdbc.sql(insert).params(orderId + "-1", "PROMISSED").update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    private Set<String> allowed(String constraint) {
        String definition = TestDatabase.postgres()
                ? jdbc.sql("select pg_get_constraintdef(oid) from pg_constraint where conname = ?")
                        .param(constraint)
                        .query(String.class)
                        .single()
                : jdbc.sql(
                                "select check_clause from information_schema.check_constraints where lower(constraint_name) = ?")
                        .param(constraint)
                        .query(String.class)
                        .single();
        Set<String> values = new LinkedHashSet<>();
        Matcher matcher = QUOTED.matcher(definition);
        while (matcher.find()) {
            values.add(matcher.group(1));
        }
        return values;
    }
}
