package io.backorderengine.system;

import java.util.Set;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.cmd.SaveFilterCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.query.Query;
import org.springframework.stereotype.Component;

/**
 * Closes CVE-2026-109432 in the engine itself, for every caller (engine REST, the webapps' internal
 * API, Java): a task query's {@code orQueries} are built without the validators that enforce
 * {@code enableExpressionsInAdhocQueries=false} and {@code enableExpressionsInStoredQueries=false},
 * so a JUEL expression inside them would be evaluated as the engine. This interceptor refuses any
 * expression but three harmless ones ({@link #ALLOWED}: who is asking, their groups, the time) in a task
 * query, in each of its OR branches, in a filter being saved and in the query that extends a filter when
 * it is run, before the engine evaluates anything. Those three make the "My tasks" and "Overdue" filters
 * possible (stored queries may hold expressions, {@code enableExpressionsInStoredQueries}; only admins
 * save filters); ad-hoc queries still take none ({@code enableExpressionsInAdhocQueries=false}).
 *
 * <p>No engine setting closes this hole in 7.24.0 CE (the fix is in paid patch releases), hence
 * this code. The filter commands keep their queries in protected fields ({@link CommandFields}).
 */
@Component
class QueryExpressionGuard extends AbstractProcessEnginePlugin {

    static final String CURRENT_USER = "${currentUser()}";
    static final String CURRENT_USER_GROUPS = "${currentUserGroups()}";
    static final String NOW = "${now()}";
    /** The only expressions a query or filter may hold, character for character. */
    static final Set<String> ALLOWED = Set.of(CURRENT_USER, CURRENT_USER_GROUPS, NOW);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineInterceptors.addBeforeEveryCommand(configuration, Interceptor::new);
    }

    static final class Interceptor extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            if (command instanceof TaskQueryImpl query) {
                refuseExpressions(query);
            } else if (command instanceof SaveFilterCmd save) {
                Filter filter = CommandFields.read(save, SaveFilterCmd.class, "filter", Filter.class);
                if (filter != null) {
                    refuseExpressions(filter.getQuery());
                }
            } else if (command instanceof AbstractExecuteFilterCmd execute) {
                refuseExpressions(
                        CommandFields.read(execute, AbstractExecuteFilterCmd.class, "extendingQuery", Query.class));
            }
            return next.execute(command);
        }

        private static void refuseExpressions(Query<?, ?> query) {
            if (!(query instanceof AbstractQuery<?, ?> abstractQuery)) {
                return;
            }
            if (!ALLOWED.containsAll(abstractQuery.getExpressions().values())) {
                throw refused();
            }
            if (query instanceof TaskQueryImpl taskQuery) {
                for (TaskQueryImpl branch : taskQuery.getQueries()) {
                    if (!ALLOWED.containsAll(branch.getExpressions().values())) {
                        throw refused();
                    }
                }
            }
        }

        private static BadUserRequestException refused() {
            return new BadUserRequestException("Expressions are not allowed in queries or filters (except "
                    + String.join(", ", ALLOWED) + " in filters)");
        }
    }
}
