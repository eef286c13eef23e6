package io.backorderengine.system;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Stops start-up, before anything is created, when the administrator's password is not configured.
 * Camunda would otherwise create the admin with its id as password. Only the demo profile ships a
 * password (and says so in the README).
 */
@Component
class AdminPasswordRequired implements BeanFactoryPostProcessor, EnvironmentAware {

    static final int MIN_LENGTH = 12;

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        String id = environment.getProperty("camunda.bpm.admin-user.id");
        String password = environment.getProperty("camunda.bpm.admin-user.password");
        if (id == null || id.isBlank()) {
            throw new IllegalStateException("No administrator is configured: set BACKORDER_ADMIN_USER and "
                    + "BACKORDER_ADMIN_PASSWORD (camunda.bpm.admin-user.id / .password).");
        }
        // acceptsProfiles also sees the default profile (demo is active when no profile is given)
        if (environment.acceptsProfiles(Profiles.of("demo"))) {
            return;
        }
        if (password == null || password.isBlank()) {
            throw new IllegalStateException("The administrator's password is not configured: set "
                    + "BACKORDER_ADMIN_PASSWORD (camunda.bpm.admin-user.password). No default password is "
                    + "shipped outside the demo profile.");
        }
        if (password.equals(id) || password.length() < MIN_LENGTH) {
            throw new IllegalStateException(
                    "The administrator's password (BACKORDER_ADMIN_PASSWORD) must have at least " + MIN_LENGTH
                            + " characters and differ from the user id.");
        }
    }
}
