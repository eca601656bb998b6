/**
 * Users' own OAuth grants, kept sealed in DynamoDB so that every container shares them: storing a new grant,
 * finding a user by ID or e-mail, a valid access token (refreshed by one container under a lease while the others
 * wait for its result), removal on deauthorization, and the single-use OAuth states of the authorization flow.
 *
 * <p>The rule of this room: nothing readable leaves it. Access and refresh tokens are AES-GCM sealed with the user's
 * ID as associated data before they reach DynamoDB, a PKCE verifier with its state's key, and no message of its
 * exceptions holds a token.
 */
package dev.sdkauth.grants;
