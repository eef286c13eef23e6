package io.backorderengine.system;

import java.util.Map;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.engine.impl.el.ReadOnlyMapELResolver;
import org.camunda.bpm.engine.impl.el.VariableContextElResolver;
import org.camunda.bpm.engine.impl.el.VariableScopeElResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ArrayELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.BeanELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ListELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.MapELResolver;
import org.springframework.stereotype.Component;

/**
 * Expressions in BPMN and DMN see the {@link ModelBean}s and nothing else of the application: by default
 * Camunda's Spring integration lets them reach every bean (the identity service, the data source, our
 * repositories). Set in preInit, before the engine builds its expression manager and DMN engine.
 *
 * <p>A name is looked up among the model beans before the variables, the reverse of the engine's
 * order. So a variable can never stand in for a bean (one named {@code closeCaseListener}, set through
 * the engine's API, would otherwise be called in its place), and a model's {@code ${bean...}} resolves
 * without reading the case's variables: asking whether a variable exists loads every variable of the
 * execution and its parents, one query with a row per variable, in each step that evaluates a bean
 * expression (a woken case's close listener, every email job's delegate).
 */
@Component
class ExpressionScope extends AbstractProcessEnginePlugin {

    private final ModelBeans beans;

    ExpressionScope(ModelBeans beans) {
        this.beans = beans;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setBeans(beans.forExpressions());
        configuration.setExpressionManager(new BeansFirst(configuration.getBeans()));
    }

    /** The resolvers of Camunda's SpringExpressionManager, bean map first and without its resolver of test mocks. */
    static final class BeansFirst extends JuelExpressionManager {

        BeansFirst(Map<Object, Object> beans) {
            super(beans);
        }

        @Override
        protected ELResolver createElResolver() {
            CompositeELResolver resolver = new CompositeELResolver();
            resolver.add(new ReadOnlyMapELResolver(beans));
            resolver.add(new VariableScopeElResolver());
            resolver.add(new VariableContextElResolver());
            resolver.add(new ArrayELResolver());
            resolver.add(new ListELResolver());
            resolver.add(new MapELResolver());
            resolver.add(new BeanELResolver());
            return resolver;
        }
    }
}
