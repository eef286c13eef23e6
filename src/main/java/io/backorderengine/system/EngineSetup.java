package io.backorderengine.system;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates what every installation needs on first start, idempotently (several nodes may start at
 * once; a second run finds everything and changes nothing): the role groups and the Tasklist filters,
 * kept as this version defines them. Users are not created here; the demo profile has its own.
 */
@Component
class EngineSetup {

    private static final Logger log = LoggerFactory.getLogger(EngineSetup.class);

    /**
     * A Tasklist filter: its name, what it is for, its place in the list, the groups that see it, and its
     * query (every one sorted by due date, soonest first).
     */
    record TaskFilter(
            String name, String description, int priority, List<String> groups, UnaryOperator<TaskQuery> query) {}

    private static final String REVIEW = "UserTask_ReviewOffer";
    private static final String CALL = "UserTask_ContactCustomer";
    private static final String ESCALATION = "UserTask_ResolveEscalation";

    static final List<TaskFilter> FILTERS = List.of(
            new TaskFilter(
                    "My tasks",
                    "The tasks you claimed",
                    0,
                    List.of(Roles.AGENTS, Roles.SUPERVISORS),
                    q -> q.taskAssigneeExpression(QueryExpressionGuard.CURRENT_USER)),
            new TaskFilter(
                    "Offer reviews",
                    "Offers to review: the customer has the date and waits for the offer",
                    10,
                    List.of(Roles.AGENTS, Roles.SUPERVISORS),
                    q -> q.taskCandidateGroup(Roles.AGENTS)
                            .includeAssignedTasks()
                            .taskDefinitionKey(REVIEW)),
            new TaskFilter(
                    "Customer calls",
                    "Customers to call: no email address, an email that bounced, or no answer to the reminders",
                    20,
                    List.of(Roles.AGENTS, Roles.SUPERVISORS),
                    q -> q.taskCandidateGroup(Roles.AGENTS)
                            .includeAssignedTasks()
                            .taskDefinitionKey(CALL)),
            new TaskFilter(
                    "Escalations",
                    "Backorders waiting past their limit",
                    30,
                    List.of(Roles.SUPERVISORS),
                    q -> q.taskCandidateGroup(Roles.SUPERVISORS)
                            .includeAssignedTasks()
                            .taskDefinitionKey(ESCALATION)),
            new TaskFilter(
                    "Overdue",
                    "Your groups' tasks past their due date",
                    40,
                    List.of(Roles.AGENTS, Roles.SUPERVISORS),
                    q -> q.taskCandidateGroupInExpression(QueryExpressionGuard.CURRENT_USER_GROUPS)
                            .includeAssignedTasks()
                            .dueBeforeExpression(QueryExpressionGuard.NOW)));

    /** Filters earlier versions created; removed so that Tasklist shows the current set only. */
    private static final List<String> RETIRED = List.of("Agents: backorder tasks", "Supervisors: escalations");

    private final IdentityService identity;
    private final FilterService filters;
    private final TaskService taskService;

    EngineSetup(IdentityService identity, FilterService filters, TaskService taskService) {
        this.identity = identity;
        this.filters = filters;
        this.taskService = taskService;
    }

    @EventListener
    @Order(0)
    void onStarted(ApplicationStartedEvent started) {
        Roles.ALL.forEach(this::ensureGroup);
        FILTERS.forEach(this::ensureFilter);
        RETIRED.forEach(this::retire);
    }

    private void ensureGroup(Roles.Role role) {
        if (identity.createGroupQuery().groupId(role.id()).count() == 0) {
            var group = identity.newGroup(role.id());
            group.setName(role.name());
            group.setType("WORKFLOW");
            identity.saveGroup(group);
            log.info("Created group {}", role.id());
        }
    }

    /** Creates the filter, or brings an existing one up to date (query, description, order, columns). */
    private void ensureFilter(TaskFilter wanted) {
        Filter filter = filters.createTaskFilterQuery().filterName(wanted.name()).list().stream()
                .findFirst()
                .orElseGet(() -> filters.newTaskFilter(wanted.name()));
        boolean created = filter.getId() == null;
        filter.setQuery(wanted.query()
                .apply(taskService.createTaskQuery())
                .orderByDueDate()
                .asc());
        filter.setProperties(Map.of(
                "description", wanted.description(),
                "priority", wanted.priority(),
                "refresh", true,
                "variables",
                        List.of(
                                Map.of("name", "caseId", "label", "Case"),
                                Map.of("name", "customerName", "label", "Customer"),
                                Map.of("name", "customerTier", "label", "Tier"),
                                Map.of("name", "expectedDate", "label", "Expected"))));
        filters.saveFilter(filter);
        if (created) {
            log.info("Created Tasklist filter '{}'", wanted.name());
        }
    }

    private void retire(String name) {
        filters.createTaskFilterQuery().filterName(name).list().forEach(old -> {
            filters.deleteFilter(old.getId());
            log.info("Removed the retired Tasklist filter '{}'", name);
        });
    }
}
