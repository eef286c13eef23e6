package io.backorderengine.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstLiteral;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstProperty;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;

/**
 * What a JUEL expression in a model deployed by a non-administrator may do. Parsed with the engine's
 * own JUEL parser and walked node by node; anything not listed here is refused:
 * <ul>
 * <li>read process variables, use literals, operators and the choice operator;</li>
 * <li>read a property or call a method of a {@link ModelBean} as declared on it, passing
 * {@code execution} or {@code task} to such a method;</li>
 * <li>read a decision result ({@code decisionResult.getSingleResult().get("x")});</li>
 * <li>call the engine's functions {@code now()}, {@code dateTime()}, {@code currentUser()},
 * {@code currentUserGroups()}, whose results may not be used further.</li>
 * </ul>
 * Everything else (a method or property of a variable, of a literal or of an engine object, any other
 * bean, brackets) is how an expression reaches {@code Class.forName} or the engine's services.
 */
final class ModelExpressions {

    /** Objects the engine puts in every expression's reach; each opens the way to its services. */
    private static final Set<String> ENGINE_OBJECTS =
            Set.of("execution", "task", "caseExecution", "externalTask", "variableScope", "variableContext");

    private static final Set<String> PASSABLE_ENGINE_OBJECTS = Set.of("execution", "task");
    private static final String DECISION_RESULT = "decisionResult";
    private static final Set<String> DECISION_RESULT_METHODS = Set.of(
            "getSingleResult",
            "getFirstResult",
            "getResultList",
            "getSingleEntry",
            "collectEntries",
            "get",
            "getEntry",
            "size",
            "isEmpty");
    private static final Set<String> FUNCTIONS = Set.of("now", "dateTime", "currentUser", "currentUserGroups");
    private static final Pattern DELEGATE = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}");

    private final ModelBeans beans;

    ModelExpressions(ModelBeans beans) {
        this.beans = beans;
    }

    static boolean isExpression(String text) {
        return text != null && (text.contains("${") || text.contains("#{"));
    }

    /** What is wrong with a {@code camunda:delegateExpression}; empty when it names one of our delegates. */
    List<String> checkDelegate(String text) {
        Matcher matcher = DELEGATE.matcher(text == null ? "" : text.trim());
        if (matcher.matches() && beans.isDelegate(matcher.group(1))) {
            return List.of();
        }
        return List.of("delegateExpression '%s' must be ${bean} with one of the product's delegates %s"
                .formatted(text, beans.delegates()));
    }

    /** What is wrong with an expression (or text holding expressions); empty when it stays within the rules. */
    List<String> check(String text) {
        List<String> problems = new ArrayList<>();
        try {
            walk(new Builder(Builder.Feature.METHOD_INVOCATIONS).build(text).getRoot(), false, problems);
        } catch (TreeBuilderException e) {
            problems.add("'%s' is not a valid expression".formatted(text));
        }
        return problems.stream()
                .map(problem -> problem + " in '" + text + "'")
                .distinct()
                .toList();
    }

    private void walk(Node node, boolean engineObjectAllowed, List<String> problems) {
        if (node instanceof AstIdentifier identifier) {
            identifier(identifier.getName(), engineObjectAllowed, problems);
        } else if (node instanceof AstMethod method) {
            method(method, problems);
        } else if (node instanceof AstProperty property) {
            property(property, problems);
        } else if (node instanceof AstFunction function) {
            if (!FUNCTIONS.contains(function.getName())) {
                problems.add("function '%s' is not one of %s".formatted(function.getName(), FUNCTIONS));
            }
            children(function, false, problems);
        } else {
            children(node, false, problems);
        }
    }

    private void children(Node node, boolean engineObjectAllowed, List<String> problems) {
        for (int i = 0; i < node.getCardinality(); i++) {
            walk(node.getChild(i), engineObjectAllowed, problems);
        }
    }

    private void identifier(String name, boolean engineObjectAllowed, List<String> problems) {
        if (ENGINE_OBJECTS.contains(name)) {
            if (!(engineObjectAllowed && PASSABLE_ENGINE_OBJECTS.contains(name))) {
                problems.add("'%s' reaches the engine itself; it may only be passed to a model bean's method"
                        .formatted(name));
            }
        } else if (beans.isBean(name) && !beans.isModelBean(name)) {
            problems.add("bean '%s' is not one models may use".formatted(name));
        }
    }

    private void method(AstMethod method, List<String> problems) {
        AstProperty target = (AstProperty) method.getChild(0);
        Node parameters = method.getChild(1);
        String name = memberName(target);
        Node base = target.getChild(0);
        if (base instanceof AstIdentifier bean && beans.mayCall(bean.getName(), name)) {
            children(parameters, true, problems);
        } else if (readsDecisionResult(target)) {
            children(parameters, false, problems);
        } else {
            problems.add("calls '%s' on %s: only the methods declared on a model bean may be called"
                    .formatted(name == null ? "[...]" : name, describe(base)));
            children(target, false, problems);
            children(parameters, false, problems);
        }
    }

    private void property(AstProperty property, List<String> problems) {
        String name = memberName(property);
        Node base = property.getChild(0);
        if (!(base instanceof AstIdentifier bean && name != null && beans.mayRead(bean.getName(), name))) {
            problems.add("reads '%s' of %s: only the properties declared on a model bean may be read"
                    .formatted(name == null ? "[...]" : name, describe(base)));
            children(property, false, problems);
        }
    }

    /** {@code decisionResult} followed only by the result's own accessors. */
    private static boolean readsDecisionResult(AstProperty target) {
        String name = memberName(target);
        if (name == null || !DECISION_RESULT_METHODS.contains(name)) {
            return false;
        }
        Node base = target.getChild(0);
        if (base instanceof AstIdentifier identifier) {
            return DECISION_RESULT.equals(identifier.getName());
        }
        return base instanceof AstMethod inner
                && onlyLiterals(inner.getChild(1))
                && readsDecisionResult((AstProperty) inner.getChild(0));
    }

    private static boolean onlyLiterals(Node parameters) {
        for (int i = 0; i < parameters.getCardinality(); i++) {
            Node parameter = parameters.getChild(i);
            if (!(parameter instanceof AstLiteral)) {
                return false;
            }
        }
        return true;
    }

    /** The member a dot names ({@code AstDot} prints itself as ". name"); null for brackets. */
    private static String memberName(AstProperty property) {
        if (property instanceof AstDot dot) {
            return dot.toString().substring(2);
        }
        return null;
    }

    private static String describe(Node base) {
        if (base instanceof AstIdentifier identifier) {
            return "'" + identifier.getName() + "'";
        }
        return base instanceof AstMethod || base instanceof AstProperty ? "the result of another call" : "a value";
    }
}
