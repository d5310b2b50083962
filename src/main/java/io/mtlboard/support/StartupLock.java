package io.mtlboard.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Serializes start-up loading across processes sharing one database: the caller's transaction
 * locks the single row of {@code startup_lock} until it commits, so a second replica starting at
 * the same moment waits, then finds the rows already there.
 */
@ApplicationScoped
public class StartupLock {

    private final EntityManager em;

    public StartupLock(EntityManager em) {
        this.em = em;
    }

    /** Takes the lock for the current transaction (which must be active). */
    public void acquire() {
        em.createNativeQuery("select id from startup_lock where id = 1 for update").getResultList();
    }
}
