package io.backorderengine.backorder.process;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.bpmn.parser.DefaultFailedJobParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.FailedJobRetryConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;
import org.springframework.stereotype.Component;

/**
 * Every customer email step retries as the operator set ({@code ${mailRetry.cycle}}), also one an analyst
 * added from the element template, which cannot set a retry cycle: without one, the engine would try three
 * times at once and raise an incident on the first hiccup of the mail server. A cycle given in the model
 * stays.
 */
@Component
class EmailRetryDefault extends AbstractProcessEnginePlugin {

    static final String DELEGATE = "${sendCaseEmailDelegate}";
    static final String CYCLE = "${mailRetry.cycle}";
    private static final Namespace CAMUNDA = new Namespace(BpmnParser.CAMUNDA_BPMN_EXTENSIONS_NS);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = new ArrayList<>();
        if (configuration.getCustomPostBPMNParseListeners() != null) {
            listeners.addAll(configuration.getCustomPostBPMNParseListeners());
        }
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseServiceTask(Element serviceTask, ScopeImpl scope, ActivityImpl activity) {
                if (DELEGATE.equals(serviceTask.attributeNS(CAMUNDA, "delegateExpression"))
                        && activity.getProperties().get(DefaultFailedJobParseListener.FAILED_JOB_CONFIGURATION)
                                == null) {
                    activity.getProperties()
                            .set(
                                    DefaultFailedJobParseListener.FAILED_JOB_CONFIGURATION,
                                    new FailedJobRetryConfiguration(
                                            configuration.getExpressionManager().createExpression(CYCLE)));
                }
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }
}
