package kprobesim.testing;

import akka.actor.testkit.typed.internal.CapturingAppender;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * JUnit 5 counterpart of Akka's JUnit 4 {@code LogCapturing} rule (the 2.6 testkit has no
 * JUnit 5 support): log lines of a passing test are dropped, those of a failing test are
 * printed. Needs {@code CapturingAppender} as the root appender in logback-test.xml.
 */
public final class LogCapturingExtension implements TestExecutionExceptionHandler, AfterEachCallback {
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        CapturingAppender.get("").flush();
        throw failure;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        CapturingAppender.get("").clear();
    }
}
