package dev.websocket.server.wamp.topic;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PublicationTests {

	@Test
	void publicationWithoutRestrictionsIsUnrestrictedAndAcceptsEveryone() {
		Publication publication = new Publication("chat/lobby", "hi");
		assertThat(publication.isUnrestricted()).isTrue();
		assertThat(publication.accepts("a", null)).isTrue();
		assertThat(publication.accepts("b", "ann")).isTrue();
	}

	@Test
	void excludeEligibleAndUserEachMakeItRestricted() {
		assertThat(new Publication("t", 1, Set.of("a"), null, null).isUnrestricted()).isFalse();
		assertThat(new Publication("t", 1, Set.of(), Set.of(), null).isUnrestricted()).isFalse();
		assertThat(new Publication("t", 1, Set.of(), null, "ann").isUnrestricted()).isFalse();
	}

	@Test
	void deliverySetIsSubscribersMinusExcludeIntersectEligibleForTheUser() {
		Publication publication = new Publication("t", 1, Set.of("a"), Set.of("a", "b", "c"), "ann");
		assertThat(publication.accepts("a", "ann")).as("excluded").isFalse();
		assertThat(publication.accepts("b", "ann")).isTrue();
		assertThat(publication.accepts("c", "bob")).as("another user").isFalse();
		assertThat(publication.accepts("d", "ann")).as("not eligible").isFalse();
	}

}
