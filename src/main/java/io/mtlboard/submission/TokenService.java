package io.mtlboard.submission;

import io.mtlboard.support.MtlboardConfig;
import io.mtlboard.support.ProblemException;
import io.mtlboard.support.Sha256;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * API tokens: creation (the secret is shown once and stored only as its SHA-256), bearer
 * authentication, revocation, and the configured initial admin token.
 */
@ApplicationScoped
@Transactional
public class TokenService {

    static final String PREFIX = "mtlb_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MtlboardConfig config;

    public TokenService(MtlboardConfig config) {
        this.config = config;
    }

    /** A newly created token; {@code secret} is never shown again. */
    public record CreatedToken(
            long id,
            String name,
            boolean admin,
            int runsPerDay,
            int maxConcurrent,
            String secret) {}

    /** A token as listed to admins, without its secret. */
    public record TokenView(
            long id,
            String name,
            boolean admin,
            int runsPerDay,
            int maxConcurrent,
            OffsetDateTime createdAt,
            OffsetDateTime revokedAt) {

        static TokenView from(ApiToken t) {
            return new TokenView(
                    t.id, t.name, t.admin, t.runsPerDay, t.maxConcurrent, t.createdAt, t.revokedAt);
        }
    }

    void onStart(@Observes StartupEvent event) {
        config.submission()
                .adminToken()
                .filter(s -> !s.isBlank())
                .ifPresent(this::ensureConfiguredAdmin);
    }

    private void ensureConfiguredAdmin(String secret) {
        if (ApiToken.activeByHash(hash(secret)).isEmpty()) {
            persist("admin (configuration)", true, Integer.MAX_VALUE, Integer.MAX_VALUE, secret);
        }
    }

    /** Creates a token with the given quotas (defaults from configuration when null). */
    public CreatedToken create(
            String name, boolean admin, Integer runsPerDay, Integer maxConcurrent) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiToken t =
                persist(
                        name,
                        admin,
                        runsPerDay == null ? config.submission().defaultRunsPerDay() : runsPerDay,
                        maxConcurrent == null
                                ? config.submission().defaultMaxConcurrent()
                                : maxConcurrent,
                        secret);
        return new CreatedToken(t.id, t.name, t.admin, t.runsPerDay, t.maxConcurrent, secret);
    }

    private ApiToken persist(
            String name, boolean admin, int runsPerDay, int maxConcurrent, String secret) {
        ApiToken t = new ApiToken();
        t.name = name;
        t.admin = admin;
        t.runsPerDay = runsPerDay;
        t.maxConcurrent = maxConcurrent;
        t.tokenHash = hash(secret);
        t.createdAt = OffsetDateTime.now();
        t.persist();
        return t;
    }

    /**
     * The caller of an {@code Authorization} header value.
     *
     * @throws ProblemException 401 when the header is missing, malformed, unknown or revoked
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Caller authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new ProblemException(
                    ProblemException.Kind.UNAUTHORIZED,
                    "This request needs an API token: Authorization: Bearer <token>");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ProblemException(
                    ProblemException.Kind.UNAUTHORIZED,
                    "The Authorization header must be 'Bearer <token>'");
        }
        return ApiToken.activeByHash(hash(authorization.substring(7).trim()))
                .map(t -> new Caller(t.id, t.name, t.admin))
                .orElseThrow(
                        () ->
                                new ProblemException(
                                        ProblemException.Kind.UNAUTHORIZED,
                                        "Unknown or revoked API token"));
    }

    /**
     * What is wrong with an {@code Authorization} header, or empty when it names an active token:
     * for {@link UploadGate}, which asks before a request's body is read, outside any request
     * context of its own.
     */
    @ActivateRequestContext
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> refusal(String authorization) {
        try {
            authenticate(authorization);
            return Optional.empty();
        } catch (ProblemException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Like {@link #authenticate} but also requires an admin token. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Caller requireAdmin(String authorization) {
        Caller caller = authenticate(authorization);
        if (!caller.admin()) {
            throw new ProblemException(
                    ProblemException.Kind.FORBIDDEN, "Only an admin token may do this");
        }
        return caller;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TokenView> list() {
        return ApiToken.<ApiToken>list("order by id").stream().map(TokenView::from).toList();
    }

    /** Revokes a token; its runs stay. */
    public TokenView revoke(long id) {
        ApiToken t =
                ApiToken.<ApiToken>findByIdOptional(id)
                        .orElseThrow(
                                () ->
                                        new ProblemException(
                                                ProblemException.Kind.NOT_FOUND, "No token " + id));
        if (t.revokedAt == null) {
            t.revokedAt = OffsetDateTime.now();
        }
        return TokenView.from(t);
    }

    /** Locks the token's row until the end of the transaction: serializes quota checks per token. */
    public ApiToken lock(long tokenId) {
        return ApiToken.<ApiToken>findByIdOptional(tokenId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow();
    }

    public static String hash(String secret) {
        return Sha256.of(secret);
    }
}
