package fr.socle.docs.springboot;

import fr.socle.identity.Identity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** docs/spring-boot.md's controller: the signed-in user's typed identity. */
@RestController
class AccountController {
  // snippet: spring-boot-account
  @GetMapping("/account")
  String account(@AuthenticationPrincipal Identity identity) {
    return "Bonjour " + String.join(" ", identity.givenNames());
  }

  // end snippet

  @GetMapping("/demarches/declaration")
  String declaration() {
    return "a substantial-level procedure";
  }
}
