package io.backorderengine.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.TestUsers;
import io.backorderengine.support.WebappSession;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a non-administrator deploys is checked before the engine takes it. The attack that got through
 * (an analyst's model with a past timer start whose expressions made the analyst an administrator, read
 * the database URL and ran an OS command) is refused on every way in, naming each offending element, and
 * changes nothing. The product's own models pass the same checks; administrators may deploy anything,
 * and even their expressions see only the model beans.
 */
class SafeDeploymentTests extends ApplicationTest {

    private static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    @LocalServerPort
    int port;

    @Autowired
    DeploymentGuard guard;

    private final List<String> deployed = new ArrayList<>();

    @AfterEach
    void removeDeployments() {
        deployed.forEach(id -> processEngine.getRepositoryService().deleteDeployment(id, true, true));
    }

    // -- the attack, on every way in ----------------------------------------------------------------

    @Test
    void theTakeoverModelIsRefusedThroughEngineRestAndChangesNothing() throws IOException {
        Path marker = Files.createTempDirectory("attack").resolve("ran");
        String key = uniqueKey("takeover");
        Snapshot before = snapshot(key);

        Api.Response response = api.as(TestUsers.ANALYST).deploy(key, Map.of(key + ".bpmn", takeover(key, marker)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        List<String> elements = new ArrayList<>();
        response.body()
                .path("errors")
                .forEach(error -> elements.add(error.path("element").asText()));
        assertThat(elements)
                .contains(
                        key,
                        "StartEvent_Soon",
                        "Task_BecomeAdmin",
                        "Task_ReadSecrets",
                        "Task_RunCommand",
                        "Task_Script",
                        "Task_JavaClass");
        assertThat(response.body().path("errors").toString())
                .contains("'execution' reaches the engine itself")
                .contains("bean 'environment' is not one models may use")
                .contains("calls 'forName'")
                .contains("scripts run code inside the engine")
                .contains("names a Java class to run")
                .contains("starts cases by itself")
                .contains("an administrator deploys the first version");
        // in the words Modeler shows the analyst: each element's kind and name, every finding in the message
        assertThat(response.body().path("message").asText())
                .startsWith("Deployment refused: change 7 element(s) in Camunda Modeler and deploy again")
                .contains(key + ".bpmn, service task \"Grant access\" (Task_BecomeAdmin): ")
                .contains(key + ".bpmn, script task (Task_Script): scriptTask: script tasks run code inside the engine")
                .contains(key + ".bpmn, start event (StartEvent_Soon): ");
        assertThat(response.body().toString()).doesNotContain("org.camunda").doesNotContain("Exception\"");
        assertThat(snapshot(key)).isEqualTo(before);
        assertThat(marker).doesNotExist();
    }

    @Test
    void theTakeoverModelIsRefusedThroughTheWebappsApi() throws IOException {
        Path marker = Files.createTempDirectory("attack").resolve("ran");
        String key = uniqueKey("takeover");
        Snapshot before = snapshot(key);
        WebappSession cockpit = new WebappSession(port);
        assertThat(cockpit.login("cockpit", TestUsers.ANALYST, TestUsers.password(TestUsers.ANALYST)))
                .isEqualTo(200);

        WebappSession.Response response = cockpit.postFiles(
                "/camunda/api/engine/engine/default/deployment/create",
                Map.of("deployment-name", key),
                Map.of(key + ".bpmn", takeover(key, marker)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("Task_BecomeAdmin").contains("Task_RunCommand");
        assertThat(snapshot(key)).isEqualTo(before);
        assertThat(marker).doesNotExist();
    }

    @Test
    void theTakeoverModelIsRefusedThroughJavaForAnAuthenticatedAnalyst() throws IOException {
        Path marker = Files.createTempDirectory("attack").resolve("ran");
        String key = uniqueKey("takeover");
        Snapshot before = snapshot(key);
        processEngine.getIdentityService().setAuthentication(TestUsers.ANALYST, List.of("analysts"));
        try {
            assertThatThrownBy(() -> processEngine
                            .getRepositoryService()
                            .createDeployment()
                            .name(key)
                            .addString(key + ".bpmn", takeover(key, marker))
                            .deploy())
                    .isInstanceOf(ParseException.class)
                    .hasMessageContaining("only an administrator may deploy");
        } finally {
            processEngine.getIdentityService().clearAuthentication();
        }
        assertThat(snapshot(key)).isEqualTo(before);
        assertThat(marker).doesNotExist();
    }

    // -- what analysts may deploy ---------------------------------------------------------------------

    @Test
    void theProductsOwnModelsAndFormsPassTheChecksAsAnAnalystWouldDeployThem() throws IOException {
        List<ResourceEntity> resources = new ArrayList<>();
        try (Stream<Path> files = Stream.concat(Files.list(Path.of("processes")), Files.list(Path.of("forms")))) {
            files.filter(Files::isRegularFile)
                    .forEach(file -> resources.add(resource(file.getFileName().toString(), read(file))));
        }
        assertThat(resources).hasSizeGreaterThanOrEqualTo(6);

        assertThat(guard.check(resources, key -> true)).isEmpty();
    }

    @Test
    void anAnalystDeploysANewVersionOfAProcessAnAdministratorIntroduced() {
        String key = uniqueKey("probe");
        Api.Response first = api.as(TestUsers.ADMIN).deploy(key, Map.of(key + ".bpmn", userTaskProcess(key, "First")));
        assertThat(first.status()).isEqualTo(200);
        deployed.add(first.body().path("id").asText());

        Api.Response second =
                api.as(TestUsers.ANALYST).deploy(key, Map.of(key + ".bpmn", userTaskProcess(key, "Second")));

        assertThat(second.status()).as(second.body().toString()).isEqualTo(200);
        deployed.add(second.body().path("id").asText());
        assertThat(processEngine
                        .getRepositoryService()
                        .createProcessDefinitionQuery()
                        .processDefinitionKey(key)
                        .latestVersion()
                        .singleResult()
                        .getVersion())
                .isEqualTo(2);
    }

    @Test
    void anAnalystCannotIntroduceANewProcess() {
        String key = uniqueKey("probe");

        Api.Response response =
                api.as(TestUsers.ANALYST).deploy(key, Map.of(key + ".bpmn", userTaskProcess(key, "New")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("errors").get(0).path("element").asText())
                .isEqualTo(key);
        assertThat(processEngine
                        .getRepositoryService()
                        .createProcessDefinitionQuery()
                        .processDefinitionKey(key)
                        .count())
                .isZero();
    }

    static Stream<Arguments> refusedModels() {
        return Stream.of(
                Arguments.of(
                        "a delegate that is not ours",
                        "x.bpmn",
                        process("<serviceTask id='Task_X' camunda:delegateExpression='${identityService}'/>"),
                        "must be ${bean} with one of the product's delegates"),
                Arguments.of(
                        "a method of a variable",
                        "x.bpmn",
                        process(flow("${customerName.toUpperCase() == 'X'}")),
                        "calls 'toUpperCase' on 'customerName'"),
                Arguments.of(
                        "the class of a literal",
                        "x.bpmn",
                        process(flow("${''.class.name == 'x'}")),
                        "reads 'class' of a value"),
                Arguments.of(
                        "a method of a model bean it does not declare",
                        "x.bpmn",
                        process("<serviceTask id='Task_X' camunda:expression='${mailRetry.getClass()}'/>"),
                        "calls 'getClass' on 'mailRetry'"),
                Arguments.of(
                        "brackets on a bean",
                        "x.bpmn",
                        process(flow("${mailRetry['cycle'] == 'x'}")),
                        "reads '[...]' of 'mailRetry'"),
                Arguments.of(
                        "the engine through a listener",
                        "x.bpmn",
                        process("<userTask id='Task_X'><extensionElements><camunda:taskListener event='create' "
                                + "expression='${task.execution.processEngine}'/></extensionElements></userTask>"),
                        "'task' reaches the engine itself"),
                Arguments.of(
                        "a script condition",
                        "x.bpmn",
                        process(flow("x").replace("xsi:type", "language='groovy' xsi:type")),
                        "scripts run code"),
                Arguments.of(
                        "an embedded form",
                        "x.bpmn",
                        process("<userTask id='Task_X' camunda:formKey='embedded:deployment:evil.html'/>"),
                        "use a Camunda Form"),
                Arguments.of(
                        "a cron cycle",
                        "x.bpmn",
                        process("<boundaryEvent id='Event_X' attachedToRef='Task_Y'>"
                                + "<timerEventDefinition><timeCycle>0/1 * * * * ?</timeCycle></timerEventDefinition></boundaryEvent>"
                                + "<userTask id='Task_Y'/>"),
                        "cron cycles"),
                Arguments.of(
                        "a cycle every second",
                        "x.bpmn",
                        process("<boundaryEvent id='Event_X' attachedToRef='Task_Y' "
                                + "cancelActivity='false'><timerEventDefinition><timeCycle>R/PT1S</timeCycle></timerEventDefinition>"
                                + "</boundaryEvent><userTask id='Task_Y'/>"),
                        "repeats more often"),
                Arguments.of(
                        "a call activity",
                        "x.bpmn",
                        process("<callActivity id='Task_X' calledElement='backorder'/>"),
                        "start other processes"),
                Arguments.of(
                        "a message start event",
                        "x.bpmn",
                        process("<startEvent id='StartEvent_X'>"
                                + "<messageEventDefinition messageRef='Message_X'/></startEvent>"),
                        "starts cases by itself"),
                Arguments.of(
                        "a DMN in JavaScript", "x.dmn", decision("javascript", "customerTier"), "scripts run code"),
                Arguments.of(
                        "a DMN JUEL entry calling out",
                        "x.dmn",
                        decision("juel", "${customerTier.getClass().forName('java.lang.Runtime')}"),
                        "calls 'forName'"),
                Arguments.of("an HTML form component", "x.form", """
                        {"id":"x","type":"default","components":[{"type":"html","id":"Field_X","content":"<img src=x>"}]}""", "form component type 'html'"),
                Arguments.of(
                        "a script file", "x.js", "java.lang.Runtime.getRuntime()", "only BPMN, DMN and Camunda Form"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedModels")
    void whatTheProductsModelsDoNotUseIsRefused(String what, String file, String content, String because) {
        List<ModelFinding> findings = guard.check(List.of(resource(file, content)), key -> true);

        assertThat(findings).as(what).isNotEmpty();
        assertThat(findings.toString()).contains(because);
    }

    @Test
    void whatTheProductsModelsUseIsAccepted() {
        String model = process(
                flow("${escalationLevel > 1 ? reviewRequired : !customerSilent}")
                        + "<serviceTask id='Task_A' camunda:delegateExpression='${registerCaseDelegate}'/>"
                        + "<businessRuleTask id='Task_B' camunda:decisionRef='offer-policy'><extensionElements><camunda:inputOutput>"
                        + "<camunda:outputParameter name='d'>${decisionResult.getSingleResult().get(\"discountPercent\")}"
                        + "</camunda:outputParameter></camunda:inputOutput></extensionElements></businessRuleTask>"
                        + "<serviceTask id='Task_C' camunda:asyncBefore='true' camunda:delegateExpression='${sendCaseEmailDelegate}'>"
                        + "<extensionElements><camunda:failedJobRetryTimeCycle>${mailRetry.cycle}</camunda:failedJobRetryTimeCycle>"
                        + "<camunda:executionListener event='end' expression=\"${closeCaseListener.close(execution, 'CANCELLED')}\"/>"
                        + "</extensionElements></serviceTask>"
                        + "<userTask id='Task_D' camunda:formRef='review-offer' camunda:dueDate='${now()}' camunda:candidateGroups='agents'/>");

        assertThat(guard.check(List.of(resource("x.bpmn", model)), key -> true)).isEmpty();
    }

    // -- administrators ------------------------------------------------------------------------------

    @Test
    void anAdministratorMayDeployAnythingButExpressionsStillSeeOnlyModelBeans() {
        String key = uniqueKey("admin");
        String model = definitions("""
                <process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
                  <startEvent id="StartEvent_A"/>
                  <sequenceFlow id="Flow_1" sourceRef="StartEvent_A" targetRef="Task_UseEngine"/>
                  <serviceTask id="Task_UseEngine" camunda:expression="${identityService.createMembership('%s', 'camunda-admin')}"/>
                  <sequenceFlow id="Flow_2" sourceRef="Task_UseEngine" targetRef="EndEvent_A"/>
                  <endEvent id="EndEvent_A"/>
                </process>""".formatted(key, TestUsers.ANALYST));
        Snapshot before = snapshot(key);

        Api.Response response = api.as(TestUsers.ADMIN).deploy(key, Map.of(key + ".bpmn", model));
        assertThat(response.status()).isEqualTo(200);
        deployed.add(response.body().path("id").asText());

        assertThatThrownBy(() -> processEngine.getRuntimeService().startProcessInstanceByKey(key))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("identityService");
        assertThat(analystGroups()).isEqualTo(before.analystGroups());
    }

    @Test
    void aVariableNamedLikeAModelBeanDoesNotStandInForIt() {
        String sku = catalog.product("Kettle", "30.00", 0, 10);
        String caseId = waitingCase(sku, 1);
        // as anyone who may change a case's variables could (Cockpit, the engine's API)
        processEngine.getRuntimeService().setVariable(instanceId(caseId), "closeCaseListener", "not the listener");

        api.receive(Catalog.unique("RCPT"), sku, 1);

        awaitProcessEnded(caseId);
        assertThat(api.backorder(caseId).path("status").asText()).isEqualTo("FULFILLED");
    }

    // -- helpers ---------------------------------------------------------------------------------------

    /** What the attack would change: the analyst's groups, deployments and definitions of the key, cases. */
    record Snapshot(List<String> analystGroups, long deployments, long definitions, long instances) {}

    private Snapshot snapshot(String key) {
        var repository = processEngine.getRepositoryService();
        return new Snapshot(
                analystGroups(),
                repository.createDeploymentQuery().deploymentName(key).count(),
                repository
                        .createProcessDefinitionQuery()
                        .processDefinitionKey(key)
                        .count(),
                processEngine
                        .getHistoryService()
                        .createHistoricProcessInstanceQuery()
                        .count());
    }

    private List<String> analystGroups() {
        return processEngine.getIdentityService().createGroupQuery().groupMember(TestUsers.ANALYST).list().stream()
                .map(Group::getId)
                .sorted()
                .toList();
    }

    /** The model that got through: it started itself at once and ran three expressions and two scripts. */
    private static String takeover(String key, Path marker) {
        return definitions("""
                <process id="%1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
                  <startEvent id="StartEvent_Soon"><timerEventDefinition><timeDate>2020-01-01T00:00:00</timeDate></timerEventDefinition></startEvent>
                  <sequenceFlow id="Flow_1" sourceRef="StartEvent_Soon" targetRef="Task_BecomeAdmin"/>
                  <serviceTask id="Task_BecomeAdmin" name="Grant access"
                      camunda:expression="${execution.processEngineServices.identityService.createMembership('%2$s', 'camunda-admin')}"/>
                  <sequenceFlow id="Flow_2" sourceRef="Task_BecomeAdmin" targetRef="Task_ReadSecrets"/>
                  <serviceTask id="Task_ReadSecrets" camunda:expression="${environment.getProperty('spring.datasource.url')}"
                      camunda:resultVariable="url"/>
                  <sequenceFlow id="Flow_3" sourceRef="Task_ReadSecrets" targetRef="Task_RunCommand"/>
                  <serviceTask id="Task_RunCommand"
                      camunda:expression="${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null).exec('touch %3$s')}"/>
                  <sequenceFlow id="Flow_4" sourceRef="Task_RunCommand" targetRef="Task_Script"/>
                  <scriptTask id="Task_Script" scriptFormat="javascript"><script>java.lang.System.exit(1)</script></scriptTask>
                  <sequenceFlow id="Flow_5" sourceRef="Task_Script" targetRef="Task_JavaClass"/>
                  <serviceTask id="Task_JavaClass" camunda:class="java.lang.ProcessBuilder"/>
                  <sequenceFlow id="Flow_6" sourceRef="Task_JavaClass" targetRef="EndEvent_Done"/>
                  <endEvent id="EndEvent_Done"/>
                </process>""".formatted(key, TestUsers.ANALYST, marker));
    }

    private static String userTaskProcess(String key, String taskName) {
        return definitions("""
                <process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
                  <startEvent id="StartEvent_P"/>
                  <sequenceFlow id="Flow_1" sourceRef="StartEvent_P" targetRef="UserTask_P"/>
                  <userTask id="UserTask_P" name="%s" camunda:candidateGroups="agents"/>
                  <sequenceFlow id="Flow_2" sourceRef="UserTask_P" targetRef="EndEvent_P"/>
                  <endEvent id="EndEvent_P"/>
                </process>""".formatted(key, taskName));
    }

    /** A process around the given elements (not necessarily runnable: it is only checked). */
    private static String process(String elements) {
        return definitions("<process id='checked' isExecutable='true' camunda:historyTimeToLive='P1D'>"
                + "<startEvent id='StartEvent_C'/>" + elements + "</process><message id='Message_X' name='X'/>");
    }

    private static String flow(String condition) {
        return "<sequenceFlow id='Flow_C' sourceRef='StartEvent_C' targetRef='EndEvent_C'>"
                + "<conditionExpression xsi:type='tFormalExpression'>"
                + condition.replace("<", "&lt;").replace(">", "&gt;")
                + "</conditionExpression></sequenceFlow><endEvent id='EndEvent_C'/>";
    }

    private static String definitions(String content) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="%s" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" targetNamespace="tests">
                %s
                </definitions>""".formatted(BPMN_NS, content);
    }

    private static String decision(String language, String inputExpression) {
        return """
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="Definitions_X" name="X" namespace="tests">
                  <decision id="x" name="X">
                    <decisionTable id="DecisionTable_X">
                      <input id="Input_X"><inputExpression id="InputExpression_X" typeRef="string" expressionLanguage="%s">
                        <text>%s</text></inputExpression></input>
                      <output id="Output_X" name="y" typeRef="string"/>
                    </decisionTable>
                  </decision>
                </definitions>""".formatted(language, inputExpression);
    }

    private static ResourceEntity resource(String name, String content) {
        return resource(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static ResourceEntity resource(String name, byte[] content) {
        ResourceEntity resource = new ResourceEntity();
        resource.setName(name);
        resource.setBytes(content);
        return resource;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String uniqueKey(String prefix) {
        return prefix + Catalog.unique("").replace("-", "");
    }
}
