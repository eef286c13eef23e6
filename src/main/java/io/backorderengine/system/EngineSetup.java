package io.backorderengine.system;

import java.util.List;
import java.util.Map;

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
 * once; a second run finds everything and changes nothing): the role groups and one Tasklist filter
 * per group. Users are not created here; the demo profile has its own.
 */
@Component
class EngineSetup {

    private static final Logger log = LoggerFactory.getLogger(EngineSetup.class);

    /** A Tasklist filter: its name, the group whose candidate tasks it lists, and its order. */
    private record TaskFilter(String name, String group, String description, int priority) {}

    static final String AGENTS_FILTER = "Agents: backorder tasks";
    static final String SUPERVISORS_FILTER = "Supervisors: escalations";

    private static final List<TaskFilter> FILTERS = List.of(
            new TaskFilter(AGENTS_FILTER, Roles.AGENTS, "Offers to review and customers to contact", 10),
            new TaskFilter(SUPERVISORS_FILTER, Roles.SUPERVISORS, "Backorders waiting past their limit", 20));

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

    private void ensureFilter(TaskFilter wanted) {
        if (filters.createTaskFilterQuery().filterName(wanted.name()).count() > 0) {
            return;
        }
        TaskQuery query =
                taskService.createTaskQuery().taskCandidateGroup(wanted.group()).includeAssignedTasks();
        Filter filter = filters.newTaskFilter(wanted.name())
                .setQuery(query)
                .setProperties(Map.of(
                        "description", wanted.description(),
                        "priority", wanted.priority(),
                        "refresh", true,
                        "variables",
                                List.of(
                                        Map.of("name", "caseId", "label", "Case"),
                                        Map.of("name", "customerName", "label", "Customer"),
                                        Map.of("name", "sku", "label", "SKU"),
                                        Map.of("name", "expectedDate", "label", "Expected"))));
        filters.saveFilter(filter);
        log.info("Created Tasklist filter '{}'", wanted.name());
    }
}
