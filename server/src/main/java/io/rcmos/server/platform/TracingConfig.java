package io.rcmos.server.platform;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.opentracingshim.OpenTracingShim;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import io.temporal.opentracing.OpenTracingClientInterceptor;
import io.temporal.opentracing.OpenTracingOptions;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;
import io.temporal.opentracing.SpanBuilderProvider;
import io.temporal.opentracing.SpanCreationContext;
import io.opentracing.Tracer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Traces cross Temporal: the client starts a span for each workflow start, the context travels in Temporal
 * headers, and workflow and activity executions become child spans — one trace from the HTTP request through the
 * workflow to each activity. Temporal instruments through OpenTracing, bridged here onto the application's
 * OpenTelemetry SDK (exported by OTLP when configured). Temporal wraps interceptors in list order, so the last
 * one is outermost: these come last, and module interceptors (earlier in the list) run inside the span and can
 * add attributes to it.
 */
@Configuration(proxyBeanMethods = false)
class TracingConfig {

    @Bean
    OpenTracingOptions temporalTracingOptions(OpenTelemetry openTelemetry) {
        SpanBuilderProvider standard = OpenTracingOptions.getDefaultInstance().getSpanBuilderProvider();
        return OpenTracingOptions.newBuilder()
                .setTracer(OpenTracingShim.createTracerShim(openTelemetry))
                .setSpanBuilderProvider((tracer, context) -> withRunId(standard.createSpanBuilder(tracer, context), context))
                .build();
    }

    /** Workflow ids of runs are {@code run-<run_id>}: every Temporal span of a run carries {@code run_id}. */
    private static Tracer.SpanBuilder withRunId(Tracer.SpanBuilder builder, SpanCreationContext context) {
        String workflowId = context.getWorkflowId();
        if (workflowId != null && workflowId.startsWith("run-")) {
            builder.withTag("run_id", workflowId.substring(4));
        }
        return builder;
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WorkflowClientInterceptor temporalClientTracing(OpenTracingOptions options) {
        return new OpenTracingClientInterceptor(options);
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WorkerInterceptor temporalWorkerTracing(OpenTracingOptions options) {
        return new OpenTracingWorkerInterceptor(options);
    }
}
