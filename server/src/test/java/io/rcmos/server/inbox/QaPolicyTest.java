package io.rcmos.server.inbox;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class QaPolicyTest {

    /** 1,000 tasks with seeded ids: the count sampled stays within three standard deviations of the policy's rate. */
    @Test
    void aSeededThousandTasksAreSampledAtThePolicyRateWithinTolerance() {
        QaPolicy policy = new QaPolicy(new InboxProperties.Qa(0.10, List.of("87726")));
        Random seeded = new Random(20261125L);
        int sampledRandom = 0;
        int reviewsOfChosenPayer = 0;
        int sampledReviewsOfChosenPayer = 0;
        String[] types = {"mfa", "captcha", "review", "credentials"};
        for (int i = 0; i < 1000; i++) {
            UUID id = new UUID(seeded.nextLong(), seeded.nextLong());
            String type = types[i % types.length];
            String payer = i % 3 == 0 ? "87726" : "60054";
            var rule = policy.select(id, type, payer);
            if ("review".equals(type) && "87726".equals(payer)) {
                reviewsOfChosenPayer++;
                if (rule.isPresent()) {
                    sampledReviewsOfChosenPayer++;
                    assertThat(rule.get()).isEqualTo("every_review_of_payer");
                }
            } else if (rule.isPresent()) {
                sampledRandom++;
                assertThat(rule.get()).isEqualTo("random_0.1");
            }
        }
        int population = 1000 - reviewsOfChosenPayer;
        double expected = population * 0.10;
        double sigma = Math.sqrt(population * 0.10 * 0.90);
        assertThat((double) sampledRandom).isBetween(expected - 3 * sigma, expected + 3 * sigma);
        assertThat(sampledReviewsOfChosenPayer).as("100 % of reviews for the chosen payer").isEqualTo(reviewsOfChosenPayer);
        assertThat(reviewsOfChosenPayer).isGreaterThan(50);
    }

    @Test
    void theDecisionIsAFunctionOfTheTaskSoItCanBeRecomputed() {
        QaPolicy policy = new QaPolicy(new InboxProperties.Qa(0.5, List.of()));
        UUID id = UUID.fromString("7d9f4b3e-1c2a-4e5f-9a8b-0c1d2e3f4a5b");
        assertThat(policy.select(id, "mfa", "87726")).isEqualTo(policy.select(id, "mfa", "87726"));
        assertThat(new QaPolicy(new InboxProperties.Qa(0, List.of())).select(id, "review", "87726")).isEmpty();
        assertThat(new QaPolicy(new InboxProperties.Qa(1, List.of())).select(id, "review", "87726")).isPresent();
    }
}
