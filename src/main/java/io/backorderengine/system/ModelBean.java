package io.backorderengine.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean that BPMN and DMN expressions may use. Expressions see these beans and no others
 * (not the engine's services, not the data source), and a model deployed by someone other than an
 * administrator may use them only as declared here: a delegate as {@code ${bean}}, and only the
 * listed methods and properties otherwise. See {@code docs/architecture.md}, "Safe deployments".
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ModelBean {

    /** Methods a model may call, e.g. {@code close} for {@code ${closeCaseListener.close(execution, 'FULFILLED')}}. */
    String[] methods() default {};

    /** Properties a model may read, e.g. {@code cycle} for {@code ${mailRetry.cycle}}. */
    String[] properties() default {};

    /**
     * The extension properties ({@code camunda:property}) a delegate reads from the task it runs on, e.g.
     * {@code template}: what its element template in {@code processes/.camunda/element-templates/} sets.
     */
    String[] settings() default {};
}
