package io.backorderengine.system;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.stereotype.Component;

/**
 * The beans annotated {@link ModelBean}: the only beans expressions can reach, and what a model may
 * do with each. Read from the bean definitions, so the engine can be configured with them before
 * the beans themselves exist.
 */
@Component
class ModelBeans {

    private record Declared(boolean delegate, Set<String> methods, Set<String> properties) {}

    private final ApplicationContext context;
    private volatile Map<String, Declared> declared;

    ModelBeans(ApplicationContext context) {
        this.context = context;
    }

    boolean isModelBean(String name) {
        return declared().containsKey(name);
    }

    /** A model bean that can stand alone as a delegate: {@code camunda:delegateExpression="${name}"}. */
    boolean isDelegate(String name) {
        Declared bean = declared().get(name);
        return bean != null && bean.delegate();
    }

    boolean mayCall(String name, String method) {
        Declared bean = declared().get(name);
        return bean != null && method != null && bean.methods().contains(method);
    }

    boolean mayRead(String name, String property) {
        Declared bean = declared().get(name);
        return bean != null && property != null && bean.properties().contains(property);
    }

    /** Any bean of the application, model bean or not (an expression naming one of the others is refused). */
    boolean isBean(String name) {
        return context.containsBean(name);
    }

    Set<String> delegates() {
        return declared().entrySet().stream()
                .filter(e -> e.getValue().delegate())
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The beans as the engine's expression manager sees them: a read-only view that resolves each bean
     * when an expression first asks for it (the engine is built before most beans exist).
     */
    Map<Object, Object> forExpressions() {
        return new AbstractMap<>() {
            @Override
            public boolean containsKey(Object key) {
                return key instanceof String name && isModelBean(name);
            }

            @Override
            public Object get(Object key) {
                return containsKey(key) ? context.getBean((String) key) : null;
            }

            @Override
            public Set<Entry<Object, Object>> entrySet() {
                return declared().keySet().stream()
                        .map(name -> (Entry<Object, Object>)
                                new SimpleImmutableEntry<Object, Object>(name, context.getBean(name)))
                        .collect(Collectors.toSet());
            }
        };
    }

    private Map<String, Declared> declared() {
        Map<String, Declared> beans = declared;
        if (beans == null) {
            beans = Arrays.stream(context.getBeanNamesForAnnotation(ModelBean.class))
                    .collect(Collectors.toUnmodifiableMap(name -> name, this::declaration));
            declared = beans;
        }
        return beans;
    }

    private Declared declaration(String name) {
        Class<?> type = context.getType(name);
        ModelBean annotation = AnnotationUtils.findAnnotation(type, ModelBean.class);
        boolean delegate = JavaDelegate.class.isAssignableFrom(type)
                || ExecutionListener.class.isAssignableFrom(type)
                || TaskListener.class.isAssignableFrom(type);
        return new Declared(delegate, Set.of(annotation.methods()), Set.of(annotation.properties()));
    }
}
