package io.backorderengine.system;

import static org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.*;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.springframework.stereotype.Component;

/**
 * The engine history this product keeps ({@code camunda.bpm.history-level: case-audit}): what Cockpit and an
 * audit need, and nothing written on every step that nobody reads.
 *
 * <ul>
 * <li>kept: process, activity and task instances (where a case went, who worked which task and when),
 * incidents, job failures, candidate groups of tasks, batches, and the user operation log (who changed
 * what by hand);</li>
 * <li>left out: every value of every variable ({@code full} writes a row per change), a log row for each
 * job created and done, and each DMN evaluation: the case's own ledger (our tables) records its facts,
 * offers, promises and decisions, and is what the timeline reads.</li>
 * </ul>
 * Every history row is written on the step's commit, which on H2 is most of a step's cost (see
 * docs/benchmarks.md). The level is stored in the database; {@code V9__case_history_level} moved existing
 * installations from {@code full}.
 */
@Component
class CaseHistoryLevel extends AbstractProcessEnginePlugin implements HistoryLevel {

    static final int ID = 13;
    static final String NAME = "case-audit";

    private static final Set<HistoryEventTypes> PRODUCED = EnumSet.of(
            PROCESS_INSTANCE_START,
            PROCESS_INSTANCE_UPDATE,
            PROCESS_INSTANCE_MIGRATE,
            PROCESS_INSTANCE_END,
            ACTIVITY_INSTANCE_START,
            ACTIVITY_INSTANCE_UPDATE,
            ACTIVITY_INSTANCE_MIGRATE,
            ACTIVITY_INSTANCE_END,
            TASK_INSTANCE_CREATE,
            TASK_INSTANCE_UPDATE,
            TASK_INSTANCE_MIGRATE,
            TASK_INSTANCE_COMPLETE,
            TASK_INSTANCE_DELETE,
            INCIDENT_CREATE,
            INCIDENT_MIGRATE,
            INCIDENT_DELETE,
            INCIDENT_RESOLVE,
            INCIDENT_UPDATE,
            JOB_FAIL,
            IDENTITY_LINK_ADD,
            IDENTITY_LINK_DELETE,
            BATCH_START,
            BATCH_UPDATE,
            BATCH_END,
            USER_OPERATION_LOG);

    @Override
    public int getId() {
        return ID;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
        return eventType instanceof HistoryEventTypes type && PRODUCED.contains(type);
    }

    /** Makes the level known to the engine, which picks it by the configured name. */
    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryLevel> custom = configuration.getCustomHistoryLevels() == null
                ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomHistoryLevels());
        custom.add(this);
        configuration.setCustomHistoryLevels(custom);
    }
}
