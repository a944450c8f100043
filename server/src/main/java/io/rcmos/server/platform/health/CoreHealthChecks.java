package io.rcmos.server.platform.health;

import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.rcmos.server.platform.TemporalProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.concurrent.TimeUnit;

/** Health of the engines the platform itself wires: the database and Temporal. */
@Configuration(proxyBeanMethods = false)
class CoreHealthChecks {

    @Bean
    HealthCheck dbHealth(JdbcClient jdbc) {
        return new HealthCheck() {
            public String name() {
                return "db";
            }

            public void check() {
                jdbc.sql("select 1").query(Integer.class).single();
            }
        };
    }

    @Bean
    HealthCheck temporalHealth(WorkflowServiceStubs stubs, TemporalProperties props) {
        return new HealthCheck() {
            public String name() {
                return "temporal";
            }

            public void check() {
                stubs.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS)
                        .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(props.namespace()).build());
            }
        };
    }
}
