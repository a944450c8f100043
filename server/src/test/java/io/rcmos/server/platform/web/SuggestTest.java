package io.rcmos.server.platform.web;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuggestTest {

    @Test
    void aNearNameIsSuggestedAndAFarOneIsNot() {
        List<String> known = List.of("member_id", "first_name", "last_name", "date_of_birth", "gender");
        assertThat(Suggest.nearest("member_idd", known)).isEqualTo("member_id");
        assertThat(Suggest.nearest("memberId", known)).isEqualTo("member_id");
        assertThat(Suggest.nearest("last_nmae", known)).isEqualTo("last_name");
        assertThat(Suggest.nearest("shoe_size", known)).isNull();
        assertThat(Suggest.unknownField("colour", known)).isEqualTo("is not a known field");
    }

    @Test
    void theSummaryNamesEveryProblemUpToFive() {
        assertThat(FieldProblem.summary("request is invalid", List.of(FieldProblem.of("input.provider.npi", "is not a valid NPI"),
                FieldProblem.of("input.subscriber.date_of_birth", "is not a valid date"))))
                .isEqualTo("request is invalid: input.provider.npi is not a valid NPI; input.subscriber.date_of_birth is not a valid date");
        List<FieldProblem> seven = java.util.stream.IntStream.range(0, 7).mapToObj(i -> FieldProblem.of("f" + i, "is wrong")).toList();
        assertThat(FieldProblem.summary("x", seven)).endsWith("f4 is wrong; and 2 more");
        assertThat(FieldProblem.summary("x", List.of())).isEqualTo("x");
    }
}
