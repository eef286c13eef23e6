package io.backorderengine.backorder.process;

import java.time.ZoneId;
import java.util.Date;
import java.util.List;

import io.backorderengine.backorder.OpenCase;
import io.backorderengine.backorder.internal.CaseWorkflow;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Starts the process instance of a case intake registered, with the same variables an order system would
 * pass to {@code /engine-rest/process-definition/key/backorder/start} (both doors lead to the same first
 * step), plus a transient marker that makes that step take the registered case over.
 */
@Component
class CamundaCaseWorkflow implements CaseWorkflow {

    private final RuntimeService runtime;
    private final CommandExecutor engineCommands;
    private final ObjectProvider<QueueRanker> ranker;

    // the ranker reads cases through BackorderCases, which uses this workflow: resolved lazily
    CamundaCaseWorkflow(
            RuntimeService runtime,
            ProcessEngineConfigurationImpl engineConfiguration,
            ObjectProvider<QueueRanker> ranker) {
        this.runtime = runtime;
        this.engineCommands = engineConfiguration.getCommandExecutorTxRequired();
        this.ranker = ranker;
    }

    /**
     * The starts share one command context, so the engine writes all the new instances in one flush (JDBC
     * batches) instead of one per case. Each start runs only its own case's steps, which read nothing the
     * others have not yet written.
     */
    @Override
    public void startAll(List<OpenCase> registered) {
        engineCommands.execute(context -> {
            registered.forEach(this::start);
            return null;
        });
    }

    @Override
    public void rank(String caseId) {
        ranker.getObject().rank(caseId);
    }

    @Override
    public void start(OpenCase c) {
        VariableMap variables = Variables.createVariables()
                .putValue(BackorderProcess.ORDER_ID.name(), c.orderId())
                .putValue(BackorderProcess.LINE_ID.name(), c.lineId())
                .putValue(BackorderProcess.SKU.name(), c.sku())
                .putValue(BackorderProcess.QUANTITY_ORDERED.name(), c.quantityOrdered())
                .putValue(BackorderProcess.QUANTITY_SHORT.name(), c.quantityShort())
                .putValue(BackorderProcess.CUSTOMER_ID.name(), c.customer().id())
                .putValue(BackorderProcess.CUSTOMER_NAME.name(), c.customer().name())
                .putValue(BackorderProcess.CUSTOMER_EMAIL.name(), c.customer().email())
                .putValue(BackorderProcess.CUSTOMER_PHONE.name(), c.customer().phone())
                .putValue(BackorderProcess.CUSTOMER_TIER.name(), c.customer().tier())
                .putValue(
                        BackorderProcess.CUSTOMER_LANGUAGE.name(), c.customer().language())
                .putValue(
                        BackorderProcess.CUSTOMER_TIME_ZONE.name(), c.customer().timeZone())
                .putValue(BackorderProcess.SHIP_COMPLETE.name(), c.shipComplete())
                .putValue(
                        BackorderProcess.ORDERED_AT.name(),
                        Date.from(c.orderedAt().atZone(ZoneId.systemDefault()).toInstant()))
                // transient: never stored, and no other door can set it (starts through the API take declared variables
                // only)
                .putValueTyped(BackorderProcess.CASE_REGISTERED.name(), Variables.booleanValue(true, true));
        runtime.createProcessInstanceByKey(BackorderProcess.KEY)
                .businessKey(c.caseId())
                .setVariables(variables)
                .execute();
    }
}
