package io.backorderengine.system;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.BatchPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The engine authorizations of each role, created at start-up and completed if something is
 * missing (idempotent; several nodes may run this at once). Task access itself comes from the
 * engine: a task's candidate group gets READ and TASK_WORK on it
 * ({@code defaultUserPermissionNameForTask=TASK_WORK}). Administrators get everything from the
 * Camunda starter's admin-user set-up.
 */
@Component
class AuthorizationSetup {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationSetup.class);
    private static final String PROCESS = "backorder";
    private static final String ANY = "*";

    private final AuthorizationService authorizations;
    private final FilterService filters;

    AuthorizationSetup(AuthorizationService authorizations, FilterService filters) {
        this.authorizations = authorizations;
        this.filters = filters;
    }

    @EventListener
    @Order(5) // after EngineSetup created groups and filters
    void onStarted(ApplicationStartedEvent started) {
        // agents and supervisors: their Tasklist filters
        // agents: Tasklist, the process they work on; tasks through candidate groups
        grant(Roles.AGENTS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(Roles.AGENTS, Resources.PROCESS_DEFINITION, PROCESS, ProcessDefinitionPermissions.READ);
        EngineSetup.FILTERS.forEach(filter -> filter.groups()
                .forEach(group -> grant(group, Resources.FILTER, filterId(filter.name()), Permissions.READ)));

        // supervisors: what agents see and work, plus escalations
        grant(Roles.SUPERVISORS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(
                Roles.SUPERVISORS,
                Resources.PROCESS_DEFINITION,
                PROCESS,
                ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_TASK,
                ProcessDefinitionPermissions.TASK_WORK);

        // analysts: deploy new versions (Camunda Modeler), read everything in Cockpit, and move running cases to
        // a version they deployed (the migration API; MigrationGuard limits what a plan may carry)
        grant(Roles.ANALYSTS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(Roles.ANALYSTS, Resources.DEPLOYMENT, ANY, Permissions.CREATE, Permissions.READ);
        grant(
                Roles.ANALYSTS,
                Resources.PROCESS_DEFINITION,
                ANY,
                ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE,
                ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.READ_TASK,
                ProcessDefinitionPermissions.MIGRATE_INSTANCE);
        grant(Roles.ANALYSTS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ);
        grant(
                Roles.ANALYSTS,
                Resources.BATCH,
                ANY,
                BatchPermissions.CREATE_BATCH_MIGRATE_PROCESS_INSTANCES,
                BatchPermissions.READ);
        grant(Roles.ANALYSTS, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
        grant(Roles.ANALYSTS, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);

        // order systems: start backorder cases through the engine's REST API
        grant(
                Roles.ORDER_SYSTEMS,
                Resources.PROCESS_DEFINITION,
                PROCESS,
                ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.CREATE_INSTANCE);
        grant(Roles.ORDER_SYSTEMS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.CREATE);
    }

    private String filterId(String name) {
        return filters.createTaskFilterQuery().filterName(name).list().stream()
                .map(Filter::getId)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Tasklist filter '" + name + "' is missing"));
    }

    private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        List<Authorization> existing = authorizations
                .createAuthorizationQuery()
                .groupIdIn(group)
                .resourceType(resource)
                .resourceId(resourceId)
                .authorizationType(AUTH_TYPE_GRANT)
                .list();
        Authorization authorization = existing.isEmpty() ? newGrant(group, resource, resourceId) : existing.get(0);
        boolean changed = existing.isEmpty();
        for (Permission permission : permissions) {
            if (!authorization.isPermissionGranted(permission)) {
                authorization.addPermission(permission);
                changed = true;
            }
        }
        if (changed) {
            authorizations.saveAuthorization(authorization);
            log.info(
                    "Granted {} on {} {} to group {}",
                    List.of(permissions),
                    resource.resourceName(),
                    resourceId,
                    group);
        }
    }

    private Authorization newGrant(String group, Resource resource, String resourceId) {
        Authorization authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
        authorization.setGroupId(group);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        return authorization;
    }
}
