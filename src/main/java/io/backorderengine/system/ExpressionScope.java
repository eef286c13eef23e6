package io.backorderengine.system;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Expressions in BPMN and DMN see the {@link ModelBean}s and nothing else of the application: by default
 * Camunda's Spring integration lets them reach every bean (the identity service, the data source, our
 * repositories). Set in preInit, before the engine builds its expression manager and DMN engine.
 */
@Component
class ExpressionScope extends AbstractProcessEnginePlugin {

    private final ApplicationContext context;
    private final ModelBeans beans;

    ExpressionScope(ApplicationContext context, ModelBeans beans) {
        this.context = context;
        this.beans = beans;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setBeans(beans.forExpressions());
        configuration.setExpressionManager(new SpringExpressionManager(context, configuration.getBeans()));
    }
}
