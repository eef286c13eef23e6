package io.backorderengine.system;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/** Adds a guard in front of every engine command, whichever transaction mode it runs in. */
final class EngineInterceptors {

    private EngineInterceptors() {}

    /** Call in a plugin's preInit: the guard sees each command before the engine opens its context. */
    static void addBeforeEveryCommand(
            ProcessEngineConfigurationImpl configuration, Supplier<CommandInterceptor> guard) {
        List<CommandInterceptor> txRequired =
                new ArrayList<>(nullSafe(configuration.getCustomPreCommandInterceptorsTxRequired()));
        txRequired.add(guard.get());
        configuration.setCustomPreCommandInterceptorsTxRequired(txRequired);
        List<CommandInterceptor> txRequiresNew =
                new ArrayList<>(nullSafe(configuration.getCustomPreCommandInterceptorsTxRequiresNew()));
        txRequiresNew.add(guard.get());
        configuration.setCustomPreCommandInterceptorsTxRequiresNew(txRequiresNew);
    }

    /** A check of the commands {@code which} selects, run before each of them; it refuses by throwing. */
    static void checkBefore(
            ProcessEngineConfigurationImpl configuration, Predicate<Command<?>> which, Consumer<Command<?>> check) {
        addBeforeEveryCommand(configuration, () -> new CommandInterceptor() {
            @Override
            public <T> T execute(Command<T> command) {
                if (which.test(command)) {
                    check.accept(command);
                }
                return next.execute(command);
            }
        });
    }

    /** Whether the caller is an engine administrator: one of its admin groups, or one of its admin users. */
    static boolean isAdmin(ProcessEngineConfigurationImpl configuration, Authentication caller) {
        return caller.getGroupIds() != null
                        && caller.getGroupIds().stream().anyMatch(configuration.getAdminGroups()::contains)
                || configuration.getAdminUsers() != null
                        && configuration.getAdminUsers().contains(caller.getUserId());
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
