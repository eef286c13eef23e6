package io.backorderengine.backorder.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The analysts' decision tables, rule by rule, on Camunda's DMN engine alone (no application): each case
 * names the rule it must reach and what that rule decides, boundaries included, and every rule of each
 * table is reached by some case.
 */
class DecisionTablesTests {

    private static final Path OFFER = Path.of("processes", "offer-policy.dmn");
    private static final Path ALLOCATION = Path.of("processes", "allocation-priority.dmn");
    private static final Path WAITING = Path.of("processes", "waiting-policy.dmn");
    private static final Path ESCALATION = Path.of("processes", "escalation-policy.dmn");
    private static final Path DATE_CHANGE = Path.of("processes", "date-change-policy.dmn");
    private static final Path TASKS = Path.of("processes", "task-policy.dmn");
    private static final List<Path> TABLES = List.of(OFFER, ALLOCATION, WAITING, ESCALATION, DATE_CHANGE, TASKS);
    private static final Set<String> REACHED = new HashSet<>();
    private static final List<String> LAST_MATCHED = new ArrayList<>();
    private static final DmnEngine ENGINE = engine();

    @ParameterizedTest(name = "{0}, waiting {1} days, line value {2}: {3}")
    @CsvSource({
        "GOLD,     15, 100,    Rule_GoldLongWait, 15, true",
        "GOLD,     14, 100,    Rule_Gold,         10, false",
        "GOLD,      3, 1000,   Rule_HighValue,    10, true",
        "STANDARD,  3, 1000,   Rule_HighValue,    10, true",
        "STANDARD,  3, 999.99, Rule_Default,       0, false",
        "SILVER,   22, 100,    Rule_VeryLongWait, 10, true",
        "SILVER,   21, 100,    Rule_LongWait,      5, false",
        "STANDARD,  8, 100,    Rule_LongWait,      5, false",
        "STANDARD,  7, 100,    Rule_Default,       0, false"
    })
    void theOfferPolicyDecidesDiscountAndReview(
            String tier, long waitDays, double lineValue, String rule, int discount, boolean review)
            throws IOException {
        DmnDecisionResult result =
                evaluate(OFFER, Map.of("customerTier", tier, "expectedWaitDays", waitDays, "lineValue", lineValue));

        assertThat(LAST_MATCHED).containsExactly(rule);
        assertThat(result.getSingleResult().getEntryMap())
                .isEqualTo(Map.of("discountPercent", discount, "reviewRequired", review));
    }

    @ParameterizedTest(name = "priority {0}: {1}")
    @CsvSource({
        "9, Rule_Urgent,               0",
        "5, Rule_Urgent,               0",
        "4, Rule_Raised,               3",
        "1, Rule_Raised,               3",
        "0, Rule_FirstComeFirstServed, 5"
    })
    void theAllocationPolicyGivesTheQueueClass(int priority, String rule, int queueClass) throws IOException {
        DmnDecisionResult result =
                evaluate(ALLOCATION, Map.of("priority", priority, "customerTier", "GOLD", "lineValue", 5000.0));

        assertThat(LAST_MATCHED).containsExactly(rule);
        assertThat(result.getSingleResult().getEntryMap()).isEqualTo(Map.of("queueClass", queueClass));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "GOLD,     Rule_Gold,    P14D, R/P5D, 2",
        "SILVER,   Rule_Default, P21D, R/P7D, 2",
        "STANDARD, Rule_Default, P21D, R/P7D, 2"
    })
    void theWaitingPolicyGivesTheLimitAndTheReminders(
            String tier, String rule, String maxWait, String cycle, int callAfter) throws IOException {
        DmnDecisionResult result = evaluate(WAITING, Map.of("customerTier", tier));

        assertThat(LAST_MATCHED).containsExactly(rule);
        assertThat(result.getSingleResult().getEntryMap())
                .isEqualTo(Map.of("maxWait", maxWait, "reminderCycle", cycle, "callAfterReminders", callAfter));
    }

    @ParameterizedTest(name = "level {0}, {1}: {2}")
    @CsvSource({
        "1, STANDARD, Rule_First,     P2D, 70, P7D",
        "1, GOLD,     Rule_GoldFirst, P1D, 80, P7D",
        "2, GOLD,     Rule_Repeated,  P2D, 90, P7D",
        "5, SILVER,   Rule_Repeated,  P2D, 90, P7D"
    })
    void theEscalationPolicyGivesDuePriorityAndExtensionPerLevel(
            int level, String tier, String rule, String due, int priority, String extension) throws IOException {
        DmnDecisionResult result = evaluate(ESCALATION, Map.of("escalationLevel", level, "customerTier", tier));

        assertThat(LAST_MATCHED).containsExactly(rule);
        assertThat(result.getSingleResult().getEntryMap())
                .isEqualTo(Map.of("supervisorDue", due, "taskPriority", priority, "keepWaitingFor", extension));
    }

    @ParameterizedTest(name = "moved {0} days: {1}")
    @CsvSource({
        " 2, Rule_Later,   true",
        "30, Rule_Later,   true",
        " 1, Rule_Small,   false",
        " 0, Rule_Small,   false",
        "-1, Rule_Small,   false",
        "-2, Rule_Earlier, true"
    })
    void theDateChangePolicySaysWhichMovesAreWorthAnEmail(long days, String rule, boolean email) throws IOException {
        DmnDecisionResult result = evaluate(DATE_CHANGE, Map.of("daysMoved", days, "customerTier", "STANDARD"));

        assertThat(LAST_MATCHED).containsExactly(rule);
        assertThat(result.getSingleResult().getEntryMap()).isEqualTo(Map.of("emailCustomer", email));
    }

    @ParameterizedTest(name = "{0} for {1}: {2}")
    @CsvSource({
        "review-offer,     GOLD,     Rule_Review,   PT8H",
        "review-offer,     STANDARD, Rule_Review,   PT8H",
        "contact-customer, GOLD,     Rule_GoldCall, PT12H",
        "contact-customer, SILVER,   Rule_Call,     P1D",
        "some-new-task,    GOLD,     Rule_Call,     P1D"
    })
    void theTaskPolicyGivesEachKindOfTaskItsDueTime(String kind, String tier, String rule, String due)
            throws IOException {
        DmnDecisionResult result = evaluate(TASKS, Map.of("taskKind", kind, "customerTier", tier));

        assertThat(LAST_MATCHED).containsExactly(rule);
        assertThat(result.getSingleResult().getEntryMap()).isEqualTo(Map.of("dueIn", due));
    }

    @AfterAll
    static void everyRuleOfEachTableIsReached() throws IOException {
        Set<String> rules = new HashSet<>();
        for (Path table : TABLES) {
            Matcher matcher = Pattern.compile("<rule id=\"(\\w+)\"").matcher(Files.readString(table));
            while (matcher.find()) {
                rules.add(matcher.group(1));
            }
        }
        assertThat(REACHED).containsExactlyInAnyOrderElementsOf(rules);
    }

    private static DmnDecisionResult evaluate(Path table, Map<String, Object> inputs) throws IOException {
        LAST_MATCHED.clear();
        try (InputStream dmn = Files.newInputStream(table)) {
            DmnDecision decision = ENGINE.parseDecisions(dmn).get(0);
            return ENGINE.evaluateDecision(decision, Variables.fromMap(inputs));
        }
    }

    private static DmnEngine engine() {
        DefaultDmnEngineConfiguration configuration =
                (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        configuration.customPostDecisionTableEvaluationListeners(List.of(DecisionTablesTests::matched));
        return configuration.buildEngine();
    }

    private static void matched(DmnDecisionTableEvaluationEvent event) {
        for (DmnEvaluatedDecisionRule rule : event.getMatchingRules()) {
            LAST_MATCHED.add(rule.getId());
            REACHED.add(rule.getId());
        }
    }
}
