package io.backorderengine.system;

import java.util.Map;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Names the JDK and Jakarta providers that would otherwise be looked up by a {@link java.util.ServiceLoader}
 * scan of the whole class path on every use. Both factories read a system property first; set to the
 * provider the scan would find anyway, the lookup becomes a class lookup. Measured, JFR on a node:
 * <ul>
 *   <li>The engine builds a {@code DurationHelper} for every job it creates (its retry cycle) and every
 *   timer, and each calls {@code DatatypeFactory.newInstance()}: a quarter of the CPU of delivering
 *   "stock allocated" to waiting cases.</li>
 *   <li>Jakarta Mail 2.1 asks {@code StreamProvider.provider()} for every multipart and encoded header: a
 *   tenth of a node's CPU under a burst of notices.</li>
 * </ul>
 * Runs before the engine is built (an engine plugin), so before any job, timer or email. An operator's
 * own setting wins.
 */
@Component
class ProviderLookups extends AbstractProcessEnginePlugin {

    /** Factory property, the provider the class path scan would find (the JDK's own, Angus Mail). */
    static final Map<String, String> PROVIDERS = Map.of(
            "javax.xml.datatype.DatatypeFactory",
                    "com.sun.org.apache.xerces.internal.jaxp.datatype.DatatypeFactoryImpl",
            "jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        PROVIDERS.forEach((factory, provider) -> {
            if (System.getProperty(factory) == null) {
                System.setProperty(factory, provider);
            }
        });
    }
}
