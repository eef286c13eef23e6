package io.backorderengine.backorder.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backorderengine.backorder.internal.CaseMessage;
import io.backorderengine.support.ApplicationTest;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.Error;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.InputExpression;
import org.camunda.bpm.model.dmn.instance.Output;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The models in processes/ and forms/ as analysts edit them: they parse, follow the naming rules (element
 * ids by kind, such as Task_ and Event_), carry diagram layout, and every reference resolves (beans, forms, form keys,
 * messages, errors, decision inputs and outputs).
 */
class BackorderModelTests extends ApplicationTest {

    private static final File BPMN = new File("processes/backorder.bpmn");
    private static final File DMN = new File("processes/offer-policy.dmn");
    private static final Path FORMS = Path.of("forms");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\s*([A-Za-z][A-Za-z0-9]*)");
    private static final Pattern GENERATED_ID = Pattern.compile(".*_[0-9a-z]{7}$");

    private final BpmnModelInstance model = Bpmn.readModelFromFile(BPMN);

    @Autowired
    ApplicationContext context;

    @Autowired
    ObjectMapper json;

    @Test
    void theProcessIsNamedAfterItsFileAndKeepsHistoryForALimitedTime() {
        Process process = model.getModelElementsByType(Process.class).iterator().next();

        assertThat(process.getId()).isEqualTo(BPMN.getName().replace(".bpmn", ""));
        assertThat(process.isExecutable()).isTrue();
        assertThat(process.getCamundaHistoryTimeToLiveString()).isNotBlank();
        // what the engine keeps is CaseHistoryLevel (BackorderProcessTests shows what that is)
        assertThat(processEngine.getProcessEngineConfiguration().getHistory()).isEqualTo("case-audit");
    }

    @Test
    void everyIdSaysWhatTheElementIsAndNoneIsGenerated() {
        Map<Class<? extends BaseElement>, String> prefixes = Map.of(
                StartEvent.class,
                "StartEvent_",
                EndEvent.class,
                "EndEvent_",
                BoundaryEvent.class,
                "Event_",
                IntermediateCatchEvent.class,
                "Event_",
                UserTask.class,
                "UserTask_",
                ServiceTask.class,
                "Task_",
                BusinessRuleTask.class,
                "Task_",
                Gateway.class,
                "Gateway_",
                SubProcess.class,
                "SubProcess_",
                SequenceFlow.class,
                "Flow_");
        for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
            String prefix = prefixes.entrySet().stream()
                    .filter(e -> e.getKey().isInstance(element))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no rule for " + element.getId()));
            assertThat(element.getId())
                    .as(element.getElementType().getTypeName())
                    .matches(Pattern.quote(prefix) + "[A-Z][A-Za-z]+")
                    .doesNotMatch(GENERATED_ID);
        }
        model.getModelElementsByType(Message.class)
                .forEach(m -> assertThat(m.getId()).isEqualTo("Message_" + m.getName()));
        model.getModelElementsByType(Error.class)
                .forEach(e -> assertThat(e.getId()).isEqualTo("Error_" + e.getErrorCode()));
    }

    @Test
    void everyElementAPersonSeesHasAName() {
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            boolean joiningGateway = node instanceof Gateway
                    && node.getIncoming().size() > 1
                    && node.getOutgoing().size() == 1;
            if (!joiningGateway) {
                assertThat(node.getName()).as(node.getId()).isNotBlank();
            }
        }
    }

    @Test
    void everyExpressionNamesABeanOrAVariable() {
        assertThat(expressions()).hasSizeGreaterThan(20);
        Set<String> variables = knownVariables();
        for (String expression : expressions()) {
            Matcher matcher = EXPRESSION.matcher(expression);
            while (matcher.find()) {
                String name = matcher.group(1);
                boolean known = context.containsBean(name)
                        || variables.contains(name)
                        || Set.of("execution", "decisionResult").contains(name);
                assertThat(known)
                        .as("'%s' in %s is neither a bean nor a process variable", name, expression)
                        .isTrue();
            }
        }
    }

    @Test
    void everyDelegateIsAJavaDelegateBean() {
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            String bean = task.getCamundaDelegateExpression().replaceAll("[${}]", "");
            assertThat(context.getBean(bean)).as(task.getId()).isInstanceOf(JavaDelegate.class);
            assertThat(bean).endsWith("Delegate");
        }
    }

    @Test
    void emailsAreSentAsynchronouslyWithARetryCycle() {
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            if (task.getCamundaDelegateExpression().contains("sendCaseEmailDelegate")) {
                assertThat(task.isCamundaAsyncBefore()).as(task.getId()).isTrue();
                // an input mapping would make the task a scope and its message key change on every retry
                assertThat(task.getExtensionElements()
                                .getElementsQuery()
                                .filterByType(CamundaInputOutput.class)
                                .count())
                        .as(task.getId())
                        .isZero();
                assertThat(task.getExtensionElements().getElements())
                        .as(task.getId())
                        .anyMatch(e -> e.getElementType().getTypeName().equals("failedJobRetryTimeCycle"));
                for (String language : List.of("en", "de")) {
                    for (String kind : List.of("txt", "html")) {
                        assertThat(Path.of(
                                        "src/main/resources/templates/mail",
                                        inputParameter(task, "template") + "." + language + "." + kind))
                                .as(task.getId())
                                .exists();
                    }
                }
            }
        }
    }

    @Test
    void everyUserTaskOpensAFormFromTheFormsFolderWhoseKeysAreKnownVariables() throws IOException {
        Set<String> variables = knownVariables();
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            assertThat(task.getCamundaCandidateGroups()).as(task.getId()).isNotBlank();
            String formRef = camunda(task, "formRef");
            assertThat(camunda(task, "formRefBinding")).as(task.getId()).isEqualTo("deployment");
            Path form = FORMS.resolve(formRef + ".form");
            assertThat(form).as(task.getId()).exists();
            JsonNode schema = json.readTree(form.toFile());
            assertThat(schema.path("id").asText()).isEqualTo(formRef);
            assertThat(formKeys(schema)).as(form.toString()).isNotEmpty().isSubsetOf(variables);
        }
        try (Stream<Path> files = Files.list(FORMS)) {
            Set<String> referenced = model.getModelElementsByType(UserTask.class).stream()
                    .map(t -> camunda(t, "formRef"))
                    .collect(Collectors.toSet());
            assertThat(files.map(p -> p.getFileName().toString().replace(".form", "")))
                    .allMatch(referenced::contains);
        }
    }

    @Test
    void theMessagesAreTheOnesTheCaseInboxSends() {
        Set<String> inModel = model.getModelElementsByType(Message.class).stream()
                .map(Message::getName)
                .collect(Collectors.toSet());

        assertThat(inModel)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(CaseMessage.values())
                        .map(CaseMessage::messageName)
                        .toList());
        assertThat(model.getModelElementsByType(Error.class))
                .extracting(Error::getErrorCode)
                .containsExactlyInAnyOrder(
                        BackorderProcess.ERROR_CASE_CANCELLED,
                        BackorderProcess.ERROR_ALREADY_ALLOCATED,
                        BackorderProcess.ERROR_DECISION_REFUSED);
    }

    @Test
    void everyElementAndFlowIsDrawn() {
        Set<String> drawn = new HashSet<>();
        model.getModelElementsByType(BpmnShape.class)
                .forEach(s -> drawn.add(s.getBpmnElement().getId()));
        model.getModelElementsByType(BpmnEdge.class)
                .forEach(e -> drawn.add(e.getBpmnElement().getId()));

        assertThat(drawn)
                .containsAll(model.getModelElementsByType(FlowElement.class).stream()
                        .map(BaseElement::getId)
                        .toList());
    }

    @Test
    void theOfferPolicyReadsWhatTheProcessSetsAndSetsWhatTheProcessReads() throws IOException {
        DmnModelInstance dmn = Dmn.readModelFromFile(DMN);
        Decision decision =
                dmn.getModelElementsByType(Decision.class).iterator().next();
        String decisionRef = model.getModelElementsByType(BusinessRuleTask.class)
                .iterator()
                .next()
                .getCamundaDecisionRef();

        assertThat(decision.getId())
                .isEqualTo(decisionRef)
                .isEqualTo(DMN.getName().replace(".dmn", ""));
        assertThat(decision.getCamundaHistoryTimeToLiveString()).isNotBlank();
        assertThat(dmn.getModelElementsByType(InputExpression.class))
                .extracting(i -> i.getText().getTextContent())
                .isSubsetOf(knownVariables());
        assertThat(dmn.getModelElementsByType(Output.class))
                .extracting(Output::getName)
                .containsExactlyInAnyOrder(
                        BackorderProcess.DISCOUNT_PERCENT.name(), BackorderProcess.REVIEW_REQUIRED.name());
        assertThat(Files.readString(DMN.toPath().toAbsolutePath()))
                .as("the table keeps its Modeler layout")
                .contains("dmndi:DMNShape");
    }

    /** Every variable name the code declares (BackorderProcess constants). */
    private static Set<String> knownVariables() {
        Set<String> names = new HashSet<>();
        for (Field field : BackorderProcess.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == Variable.class) {
                try {
                    field.setAccessible(true);
                    names.add(((Variable<?>) field.get(null)).name());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return names;
    }

    /** All expressions in the model file, attributes and texts alike. */
    private static Collection<String> expressions() {
        try {
            String xml = Files.readString(BPMN.toPath())
                    .replace("&gt;", ">")
                    .replace("&lt;", "<")
                    .replace("&amp;", "&");
            return Pattern.compile("\\$\\{[^}]*}")
                    .matcher(xml)
                    .results()
                    .map(m -> m.group())
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String camunda(BaseElement element, String attribute) {
        return element.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", attribute);
    }

    private static String inputParameter(ServiceTask task, String name) {
        return task
                .getExtensionElements()
                .getElementsQuery()
                .filterByType(CamundaProperties.class)
                .singleResult()
                .getCamundaProperties()
                .stream()
                .filter(p -> p.getCamundaName().equals(name))
                .findFirst()
                .orElseThrow()
                .getCamundaValue();
    }

    private static Set<String> formKeys(JsonNode schema) {
        Set<String> keys = new HashSet<>();
        schema.path("components").forEach(component -> {
            if (component.hasNonNull("key")) {
                keys.add(component.get("key").asText());
            }
        });
        return keys;
    }
}
