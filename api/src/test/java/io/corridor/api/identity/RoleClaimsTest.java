package io.corridor.api.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.corridor.platform.auth.Role;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Roles are read from the configured claim path; unknown values and other shapes give no role. */
class RoleClaimsTest {

  @Test
  void rolesAtATopLevelOrNestedPath() {
    JsonObject claims = new JsonObject("""
        {"roles":["officer","Analyst","nobody"],"realm_access":{"roles":["approver","offline_access"]}}""");
    assertThat(new RoleClaims("roles").roles(claims)).containsExactlyInAnyOrder(Role.OFFICER, Role.ANALYST);
    assertThat(new RoleClaims("realm_access.roles").roles(claims)).containsExactly(Role.APPROVER);
  }

  @Test
  void aSpaceSeparatedStringIsAlsoRead() {
    assertThat(new RoleClaims("scope_roles").roles(new JsonObject("{\"scope_roles\":\"auditor operator\"}")))
        .containsExactlyInAnyOrder(Role.AUDITOR, Role.OPERATOR);
  }

  @Test
  void missingOrMisshapenClaimsGiveNoRole() {
    assertThat(new RoleClaims("realm_access.roles").roles(new JsonObject("{\"realm_access\":\"officer\"}"))).isEmpty();
    assertThat(new RoleClaims("realm_access.roles").roles(new JsonObject("{}"))).isEmpty();
    assertThat(new RoleClaims("roles").roles(new JsonObject("{\"roles\":{\"officer\":true}}"))).isEmpty();
  }
}
