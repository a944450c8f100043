package io.rcmos.agent.flow;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateTest {

    @Test
    void splitsTextAndReferences() throws Template.Malformed {
        Template t = Template.parse("${portal.base_url}/members/${input.member_id}?x=1");

        assertThat(t.parts()).containsExactly(new Template.Ref("portal.base_url"), new Template.Literal("/members/"),
                new Template.Ref("input.member_id"), new Template.Literal("?x=1"));
        assertThat(t.refs()).extracting(Template.Ref::root).containsExactly("portal", "input");
        assertThat(t.refs().get(1).segments()).isEqualTo(List.of("input", "member_id"));
        assertThat(t.singleRef()).isEmpty();
        assertThat(t.isLiteral()).isFalse();
    }

    @Test
    void knowsASingleReferenceAndPlainText() throws Template.Malformed {
        assertThat(Template.parse("${secrets.password}").singleRef()).contains(new Template.Ref("secrets.password"));
        assertThat(Template.parse("Sign in $5").isLiteral()).isTrue();
        assertThat(Template.parse("").parts()).isEmpty();
    }

    @Test
    void rejectsUnclosedAndMalformedReferences() {
        assertThatThrownBy(() -> Template.parse("${input.member_id")).isInstanceOf(Template.Malformed.class)
                .hasMessageContaining("never closed");
        assertThatThrownBy(() -> Template.parse("${Input.X}")).isInstanceOf(Template.Malformed.class);
        assertThatThrownBy(() -> Template.parse("${a..b}")).isInstanceOf(Template.Malformed.class);
        assertThatThrownBy(() -> Template.parse("${}")).isInstanceOf(Template.Malformed.class);
    }
}
