package io.backorderengine.backorder.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.system.ModelBean;
import io.backorderengine.system.ModelChecks;
import org.camunda.bpm.engine.impl.RepositoryServiceImpl;
import org.camunda.bpm.engine.impl.bpmn.parser.DefaultFailedJobParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The element templates analysts add steps with in Camunda Modeler: each names a model bean that reads
 * exactly the settings the template sets, its choices are ones the bean knows, and a process built from
 * the templates as Modeler would write it passes an analyst's deployment checks and does, for a real case,
 * what each template says: the email is sent, the order system hears the milestone, an agent gets the call.
 */
class ElementTemplatesTests extends ApplicationTest {

    private static final Path TEMPLATES = Path.of("processes", ".camunda", "element-templates", "backorder-steps.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    ApplicationContext context;

    @Autowired
    ModelChecks checks;

    private final List<String> deployments = new ArrayList<>();

    @AfterEach
    void removeDeployments() {
        deployments.forEach(id -> processEngine.getRepositoryService().deleteDeployment(id, true, true));
    }

    @Test
    void eachTemplateNamesAModelBeanThatReadsExactlyTheSettingsItSets() throws IOException {
        JsonNode templates = JSON.readTree(TEMPLATES.toFile());
        Set<String> ids = new TreeSet<>();
        for (JsonNode template : templates) {
            assertThat(ids.add(template.path("id").asText())).as("unique id").isTrue();
            assertThat(template.path("name").asText()).isNotBlank();
            assertThat(template.path("version").asInt()).isPositive();
            String delegate = binding(template, "property", "camunda:delegateExpression")
                    .path("value")
                    .asText();
            assertThat(delegate).as(template.path("id").asText()).matches("\\$\\{\\w+}");
            String bean = delegate.substring(2, delegate.length() - 1);
            ModelBean declared = AopUtils.getTargetClass(context.getBean(bean)).getAnnotation(ModelBean.class);

            assertThat(declared).as("%s is a model bean", bean).isNotNull();
            assertThat(settings(template))
                    .as("%s sets what %s reads", template.path("id").asText(), bean)
                    .containsExactlyInAnyOrder(declared.settings());
        }
        assertThat(ids).hasSize(3);
    }

    @Test
    void theEmailChoicesAreTheMailTemplatesInBothLanguages() throws IOException {
        JsonNode email = template("io.backorderengine.send-customer-email");
        List<String> choices =
                binding(email, "camunda:property", "template").path("choices").findValuesAsText("value");

        Set<String> available = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "templates", "mail"))) {
            files.map(f -> f.getFileName().toString())
                    .forEach(name -> available.add(name.replaceAll("\\.(en|de)\\.(txt|html)$", "")));
        }
        available.remove("decision-links"); // a part of other emails, not an email
        assertThat(choices).containsExactlyInAnyOrderElementsOf(available);
        for (String choice : choices) {
            for (String file : List.of(".en.txt", ".en.html", ".de.txt", ".de.html")) {
                assertThat(Path.of("src", "main", "resources", "templates", "mail", choice + file))
                        .exists();
            }
        }
    }

    @Test
    void stepsBuiltFromTheTemplatesPassTheChecksAndDoWhatTheySayForARealCase() throws IOException {
        String caseId = caseWithNoticeSent("TPL");
        String key = Catalog.unique("steps").replace("-", "");
        String bpmn = process(
                key,
                List.of(
                        step(
                                "Task_Remind",
                                "io.backorderengine.send-customer-email",
                                Map.of("template", "status-reminder")),
                        step(
                                "Task_Tell",
                                "io.backorderengine.tell-order-system",
                                Map.of("milestone", "quality-check-passed")),
                        step("Task_Call", "io.backorderengine.ask-agent-to-call", Map.of())));
        assertThat(checks.problems(key + ".bpmn", bpmn.getBytes())).isEmpty();
        deployments.add(processEngine
                .getRepositoryService()
                .createDeployment()
                .addString(key + ".bpmn", bpmn)
                .deploy()
                .getId());
        long after = api.events(0, 1000).stream()
                .mapToLong(e -> e.path("position").asLong())
                .max()
                .orElse(0);

        String steps = processEngine
                .getRuntimeService()
                .startProcessInstanceByKey(key, caseId)
                .getId();

        await().until(() -> api.backorder(caseId)
                .path("emails")
                .findValuesAsText("template")
                .contains("status-reminder"));
        await().until(() -> api.events(after, 100).stream()
                .anyMatch(e -> e.path("type").asText().equals("MILESTONE")
                        && e.path("caseId").asText().equals(caseId)
                        && e.path("data").path("milestone").asText().equals("quality-check-passed")));
        Task call = await().until(
                        () -> processEngine
                                .getTaskService()
                                .createTaskQuery()
                                .processInstanceBusinessKey(caseId)
                                .taskDefinitionKey("UserTask_ContactCustomer")
                                .singleResult(),
                        t -> t != null);
        assertThat(processEngine.getTaskService().getVariable(call.getId(), "contactReason"))
                .isEqualTo(binding(template("io.backorderengine.ask-agent-to-call"), "camunda:property", "reason")
                        .path("value")
                        .asText());
        // done before its deployment is removed
        await().until(() -> processEngine
                        .getRuntimeService()
                        .createProcessInstanceQuery()
                        .processInstanceId(steps)
                        .count()
                == 0);
        // the email step, which a template cannot give a retry cycle, retries as the operator set
        var definition = processEngine
                .getRepositoryService()
                .createProcessDefinitionQuery()
                .processDefinitionKey(key)
                .singleResult();
        var activity = ((ProcessDefinitionEntity) ((RepositoryServiceImpl) processEngine.getRepositoryService())
                        .getDeployedProcessDefinition(definition.getId()))
                .findActivity("Task_Remind");
        assertThat(activity.getProperties().get(DefaultFailedJobParseListener.FAILED_JOB_CONFIGURATION))
                .isNotNull();
    }

    /** A service task as Modeler writes it once the template is applied, with the given values for its settings. */
    private String step(String id, String templateId, Map<String, String> values) throws IOException {
        JsonNode template = template(templateId);
        StringBuilder attributes = new StringBuilder();
        Map<String, String> settings = new LinkedHashMap<>();
        for (JsonNode property : template.path("properties")) {
            JsonNode binding = property.path("binding");
            String name = binding.path("name").asText();
            if (binding.path("type").asText().equals("property")) {
                attributes
                        .append(' ')
                        .append(name)
                        .append("=\"")
                        .append(property.path("value").asText())
                        .append('"');
            } else {
                settings.put(
                        name, values.getOrDefault(name, property.path("value").asText()));
            }
        }
        StringBuilder xml = new StringBuilder("<serviceTask id=\"%s\" name=\"%s\" camunda:modelerTemplate=\"%s\"%s>"
                .formatted(id, template.path("name").asText(), templateId, attributes));
        xml.append("<extensionElements><camunda:properties>");
        settings.forEach(
                (name, value) -> xml.append("<camunda:property name=\"%s\" value=\"%s\"/>".formatted(name, value)));
        return xml.append("</camunda:properties></extensionElements></serviceTask>")
                .toString();
    }

    private static String process(String key, List<String> steps) {
        StringBuilder flow = new StringBuilder("<startEvent id=\"StartEvent_1\"/>");
        String previous = "StartEvent_1";
        for (int i = 0; i < steps.size(); i++) {
            String step = steps.get(i);
            String id = step.substring(step.indexOf("id=\"") + 4, step.indexOf('"', step.indexOf("id=\"") + 4));
            flow.append(step)
                    .append("<sequenceFlow id=\"Flow_%d\" sourceRef=\"%s\" targetRef=\"%s\"/>"
                            .formatted(i, previous, id));
            previous = id;
        }
        flow.append(
                "<endEvent id=\"EndEvent_1\"/><sequenceFlow id=\"Flow_End\" sourceRef=\"%s\" targetRef=\"EndEvent_1\"/>"
                        .formatted(previous));
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    id="Definitions_Steps" targetNamespace="http://bpmn.io/schema/bpmn">
                  <process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">%s</process>
                </definitions>""".formatted(key, flow).strip();
    }

    private static Set<String> settings(JsonNode template) {
        Set<String> names = new TreeSet<>();
        template.path("properties").forEach(p -> {
            if (p.path("binding").path("type").asText().equals("camunda:property")) {
                names.add(p.path("binding").path("name").asText());
            }
        });
        return names;
    }

    private static JsonNode binding(JsonNode template, String type, String name) {
        for (JsonNode property : template.path("properties")) {
            if (property.path("binding").path("type").asText().equals(type)
                    && property.path("binding").path("name").asText().equals(name)) {
                return property;
            }
        }
        throw new AssertionError(template.path("id").asText() + " has no " + type + " " + name);
    }

    private static JsonNode template(String id) throws IOException {
        for (JsonNode template : JSON.readTree(TEMPLATES.toFile())) {
            if (template.path("id").asText().equals(id)) {
                return template;
            }
        }
        throw new AssertionError("no template " + id);
    }
}
