package io.backorderengine.system;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/** Adds a guard in front of every engine command, whichever transaction mode it runs in. */
final class EngineInterceptors {

    private EngineInterceptors() {
    }

    /** Call in a plugin's preInit: the guard sees each command before the engine opens its context. */
    static void addBeforeEveryCommand(ProcessEngineConfigurationImpl configuration, Supplier<CommandInterceptor> guard) {
        List<CommandInterceptor> txRequired = new ArrayList<>(nullSafe(configuration.getCustomPreCommandInterceptorsTxRequired()));
        txRequired.add(guard.get());
        configuration.setCustomPreCommandInterceptorsTxRequired(txRequired);
        List<CommandInterceptor> txRequiresNew = new ArrayList<>(nullSafe(configuration.getCustomPreCommandInterceptorsTxRequiresNew()));
        txRequiresNew.add(guard.get());
        configuration.setCustomPreCommandInterceptorsTxRequiresNew(txRequiresNew);
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
