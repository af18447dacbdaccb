/**
 * Generated from openapi/ by scripts/build-contract.ts. Do not edit: change the contract and run `npm run build`.
 */

export interface paths {
    "/v1/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a project
         * @description Creates a project and its defaults. When `appDescription` is supplied, Layers also provisions the
         *     project's first influencer in the background: the answer carries it in `initialInfluencer`, its row
         *     is `pending` at once and moves through `training` to `ready` in about a minute. Poll the job in
         *     `initialInfluencer.jobId`. No ingest endpoint is a precondition.
         */
        post: operations["createProject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The project's id. A project of another org answers `404`, as if it did not exist.
                 * @example prj_254a4ce1-f4ca-42b1-9e36-17ca45ef3d39
                 */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        /**
         * Read a project
         * @description Returns the project and the defaults its influencers inherit.
         */
        get: operations["getProject"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{projectId}/influencers": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The project's id. A project of another org answers `404`, as if it did not exist.
                 * @example prj_254a4ce1-f4ca-42b1-9e36-17ca45ef3d39
                 */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        /**
         * List a project's influencers
         * @description Pages through the project's influencers, oldest first, with an opaque cursor. Deleted influencers
         *     are never listed. Influencers created while you page appear on a later page; none is repeated.
         */
        get: operations["listInfluencers"];
        put?: never;
        /**
         * Create an influencer
         * @description Starts an `influencer_create` job and answers `202` with it. The influencer row exists at once in
         *     `status: pending`, moves through `training` and ends `ready` (job `succeeded`) or `failed`
         *     (job `failed`). Poll the job, then read the influencer.
         *
         *     The body is intentionally tiny: only `gender`, `ageRange` and `prompt`, all optional; an empty
         *     body is fine. Layers generates the display name, portrait and persona from the project's brand
         *     context and these hints. `brandVoice` and `language` are inherited from the project; patch the
         *     influencer afterwards to override them. The influencer id is server-generated.
         *
         *     You may use the `influencerId` in content requests as soon as this call returns; content
         *     generation waits until the influencer is ready.
         */
        post: operations["createInfluencer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/influencers/{influencerId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The influencer's id. Influencers of another org, and deleted ones, answer `404`.
                 * @example inf_4a8e1bc2-3d4f-46a8-9b0c-1d2e3f4a5b6c
                 */
                influencerId: components["parameters"]["InfluencerId"];
            };
            cookie?: never;
        };
        /**
         * Read an influencer
         * @description Returns the influencer record, including its generated portraits. Influencer ids are globally
         *     unique, so the path is not nested under a project. An influencer of another org, or a deleted
         *     one, answers `404 NOT_FOUND`: there is no way to read a deleted influencer.
         */
        get: operations["getInfluencer"];
        put?: never;
        post?: never;
        /**
         * Delete an influencer
         * @description Soft-deletes the influencer: from now on it answers `404`, is absent from lists and cannot be
         *     selected for new content. Content that already used it keeps it. The optional `reason` is kept
         *     on the deleted row for audit. Deleting again answers `404`.
         */
        delete: operations["deleteInfluencer"];
        options?: never;
        head?: never;
        /**
         * Patch an influencer
         * @description Updates `name`, `gender`, `ageRange`, `brandVoice` or `language`. Send only the fields to change.
         *     Changing voice or language does not regenerate existing content; it affects new generations
         *     that reference this influencer after the patch lands.
         */
        patch: operations["patchInfluencer"];
        trace?: never;
    };
    "/v1/influencers/{influencerId}/clone": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The influencer's id. Influencers of another org, and deleted ones, answer `404`.
                 * @example inf_4a8e1bc2-3d4f-46a8-9b0c-1d2e3f4a5b6c
                 */
                influencerId: components["parameters"]["InfluencerId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Clone an influencer
         * @description Duplicates a `ready` influencer into the same project, for example to run the same persona in
         *     another language. The clone copies the source's identity fields, applies `overrides` (voice, language), and an
         *     `influencer_create` job renders a new portrait using the source's appearance as the anchor.
         *     Answers `202` with the job, exactly like create. The clone's id is server-generated: persist it
         *     from the answer. To move an identity to another project, create a new influencer there.
         */
        post: operations["cloneInfluencer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{jobId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The job's id, from a `202` answer or a project's `initialInfluencer`.
                 * @example job_01HXZ9G7KMV2QX8Y1S5RJW3B7T
                 */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        /**
         * Read a job
         * @description Poll until `status` is `succeeded` or `failed` (terminal; a job never leaves them). Then read
         *     the influencer at `/v1/influencers/{influencerId}`. A `failed` job carries `error` with the reason.
         *     Poll with backoff: once a second at first, then slower; jobs finish in about a minute.
         */
        get: operations["getJob"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description Display name. 1–128 characters, no leading or trailing whitespace, no control characters.
         * @example Nova
         */
        DisplayName: string;
        /**
         * @description What the customer's app does, in plain words (line breaks allowed, other control characters not). Supplying it provisions the project's first influencer in the background.
         * @example A habit tracker that turns daily streaks into a cozy garden.
         */
        AppDescription: string;
        /**
         * @description The gender a project's audience skews to. An influencer created without `gender` takes the
         *     project's `targetGender` when it is `female` or `male`, and `female` when it is `any`.
         * @default any
         * @example female
         * @enum {string}
         */
        TargetGender: "female" | "male" | "any";
        /**
         * @description One of six presets that drive tone in captions, hooks and engagement comments.
         * @example casual
         * @enum {string}
         */
        BrandVoice: "authentic" | "witty" | "professional" | "warm" | "casual" | "educational";
        /**
         * @description BCP 47 language tag (RFC 5646), such as `en`, `en-US`, `pt-BR`, `zh-Hans-CN`, `es-419`, `de-CH-1996` or `de-DE-u-co-phonebk`; private use (`x-…`) is accepted, the irregular grandfathered tags (`i-klingon`) are not.
         * @example en
         * @example es-MX
         */
        Language: string;
        /**
         * @description Strict body; unknown fields are rejected with `422 VALIDATION`.
         * @example {
         *       "name": "Bloom Habits",
         *       "appDescription": "A habit tracker that turns daily streaks into a cozy garden.",
         *       "targetGender": "female",
         *       "brandVoice": "warm",
         *       "language": "en-US"
         *     }
         */
        ProjectCreateRequest: {
            /** @description The project's display name. */
            name: components["schemas"]["DisplayName"];
            appDescription?: components["schemas"]["AppDescription"];
            /** @default any */
            targetGender?: components["schemas"]["TargetGender"];
            /**
             * @description Default voice for the project's influencers. Defaults to `authentic`.
             * @default authentic
             */
            brandVoice?: components["schemas"]["BrandVoice"];
            /**
             * @description Default language for the project's influencers. Defaults to `en`.
             * @default en
             */
            language?: components["schemas"]["Language"];
        };
        /**
         * @description Id of the request that produced this response, `req_` followed by a 26-character ULID. Quote it to support.
         * @example req_01HXZ9G7KMV2QX8Y1S5RJW3B7T
         */
        RequestId: string;
        /**
         * @description Server-generated project id, `prj_` followed by a lowercase UUID.
         * @example prj_254a4ce1-f4ca-42b1-9e36-17ca45ef3d39
         */
        ProjectId: string;
        /**
         * @description Server-generated influencer id, `inf_` followed by a lowercase UUID. Globally unique; never client-supplied.
         * @example inf_4a8e1bc2-3d4f-46a8-9b0c-1d2e3f4a5b6c
         */
        InfluencerId: string;
        /**
         * @description Server-generated job id, `job_` followed by a 26-character ULID (Crockford base32).
         * @example job_01HXZ9G7KMV2QX8Y1S5RJW3B7T
         */
        JobId: string;
        /**
         * @description The influencer auto-created from `appDescription`, and the job rendering it.
         * @example {
         *       "influencerId": "inf_4a8e1bc2-3d4f-46a8-9b0c-1d2e3f4a5b6c",
         *       "jobId": "job_01HXZ9G7KMV2QX8Y1S5RJW3B7T"
         *     }
         */
        InitialInfluencer: {
            influencerId: components["schemas"]["InfluencerId"];
            jobId: components["schemas"]["JobId"];
        };
        /**
         * Format: date-time
         * @description RFC 3339 instant in UTC with millisecond precision.
         * @example 2026-04-18T12:04:11.000Z
         */
        Timestamp: string;
        /**
         * @description A partner's customer app and the defaults its influencers inherit.
         * @example {
         *       "projectId": "prj_254a4ce1-f4ca-42b1-9e36-17ca45ef3d39",
         *       "name": "Bloom Habits",
         *       "appDescription": "A habit tracker that turns daily streaks into a cozy garden.",
         *       "targetGender": "female",
         *       "brandVoice": "warm",
         *       "language": "en-US",
         *       "initialInfluencer": {
         *         "influencerId": "inf_4a8e1bc2-3d4f-46a8-9b0c-1d2e3f4a5b6c",
         *         "jobId": "job_01HXZ9G7KMV2QX8Y1S5RJW3B7T"
         *       },
         *       "createdAt": "2026-04-18T12:04:10.000Z",
         *       "updatedAt": "2026-04-18T12:04:10.000Z"
         *     }
         */
        Project: {
            projectId: components["schemas"]["ProjectId"];
            name: components["schemas"]["DisplayName"];
            appDescription: components["schemas"]["AppDescription"] | null;
            targetGender: components["schemas"]["TargetGender"];
            brandVoice: components["schemas"]["BrandVoice"];
            language: components["schemas"]["Language"];
            /** @description Set when `appDescription` was supplied at creation; `null` otherwise. */
            initialInfluencer: components["schemas"]["InitialInfluencer"] | null;
            createdAt: components["schemas"]["Timestamp"];
            updatedAt: components["schemas"]["Timestamp"];
        };
        /**
         * @description The code of a transport error: a request that never reached an operation because the HTTP
         *     itself was broken (`MALFORMED_REQUEST`: framing, a missing or doubled `Host`, a request target
         *     that is not a path with UTF-8 percent-escapes), arrived too slowly (`REQUEST_TIMEOUT`), or had a
         *     header block that is too large (`HEADERS_TOO_LARGE`). The connection is closed after it. Each code
         *     has one HTTP status (`x-http-status`). An open list (`x-extensible-enum`), like `ErrorCode`.
         * @example MALFORMED_REQUEST
         */
        TransportErrorCode: string;
        /**
         * @description The error envelope of a transport error (`400`, `408`, `431`): the same shape as `ErrorEnvelope`,
         *     with a `TransportErrorCode` and no `details`.
         * @example {
         *       "error": {
         *         "code": "MALFORMED_REQUEST",
         *         "message": "The request is not well-formed HTTP/1.1.",
         *         "requestId": "req_01HXZ9G7KMV2QX8Y1S5RJW3B7T"
         *       }
         *     }
         */
        TransportErrorEnvelope: {
            error: {
                code: components["schemas"]["TransportErrorCode"];
                /** @description Human-readable explanation. Do not parse it; branch on `code`. */
                message: string;
                requestId: components["schemas"]["RequestId"];
            };
        };
        /**
         * @description Machine-readable error code. Each code is always sent with one HTTP status (`x-http-status`),
         *     so clients may branch on either. An open list (`x-extensible-enum`): later versions add codes,
         *     always with one of the statuses below or another 4xx/5xx; a client that meets a code it does not
         *     know acts on the HTTP status.
         * @example VALIDATION
         */
        ErrorCode: string;
        /**
         * @description Structured detail, present on `VALIDATION`. `fieldErrors` maps a dotted field path
         *     (`name`, `overrides.language`) to its messages; `formErrors` holds errors about the body as a whole
         *     (malformed JSON, empty patch).
         * @example {
         *       "fieldErrors": {
         *         "name": [
         *           "Unrecognized key — name is server-generated."
         *         ]
         *       }
         *     }
         */
        ErrorDetails: {
            fieldErrors?: {
                [key: string]: string[];
            };
            formErrors?: string[];
        };
        /**
         * @description The one error envelope. Every non-2xx response of this API has this shape.
         * @example {
         *       "error": {
         *         "code": "NOT_FOUND",
         *         "message": "Influencer not found.",
         *         "requestId": "req_01HXZ9G7KMV2QX8Y1S5RJW3B7T"
         *       }
         *     }
         */
        ErrorEnvelope: {
            error: {
                code: components["schemas"]["ErrorCode"];
                /** @description Human-readable explanation. Do not parse it; branch on `code`. */
                message: string;
                requestId: components["schemas"]["RequestId"];
                details?: components["schemas"]["ErrorDetails"];
            };
        };
        /**
         * @description Opaque pagination cursor. Only pass back values the API returned.
         * @example eyJhZnRlciI6ImluZl80YThlMWJjMiJ9
         */
        Cursor: string;
        /**
         * @description Drives persona and rendering. Content generation needs a gender mapping, so an influencer always has one; it is never null.
         * @example non_binary
         * @enum {string}
         */
        Gender: "male" | "female" | "non_binary";
        /**
         * @description Canonical age band keyed to the renderer's persona presets (the same enum as the in-product dialog).
         * @example young_adult
         * @enum {string}
         */
        AgeRange: "teen" | "young_adult" | "adult" | "mid_adult" | "mature" | "senior";
        /**
         * @description Lifecycle of an influencer: `pending` (row exists, render queued) → `training` (persona and
         *     portrait rendering) → `ready` (usable for content), or `failed` (see the job's `error`).
         *     Deleted influencers are never returned, so `deleted` is not a value here.
         * @example ready
         * @enum {string}
         */
        InfluencerStatus: "pending" | "training" | "ready" | "failed";
        /**
         * @description Why a job failed. `RENDER_FAILED`: the portrait or persona render did not converge; retrying
         *     with another `prompt` may help. `PROMPT_REJECTED`: the `prompt` hint was refused by content policy.
         *     `SOURCE_UNAVAILABLE`: a clone's source was deleted before the render finished. `INTERNAL`: our fault; retry.
         *     An open list (`x-extensible-enum`): later versions add reasons; treat a code you do not know as
         *     `RENDER_FAILED` (the job failed; the message says why).
         * @example RENDER_FAILED
         */
        JobErrorCode: string;
        /**
         * @description Failure detail of a `failed` job.
         * @example {
         *       "code": "RENDER_FAILED",
         *       "message": "The portrait render did not converge."
         *     }
         */
        JobError: {
            code: components["schemas"]["JobErrorCode"];
            /** @description Human-readable explanation. Do not parse it; branch on `code`. */
            message: string;
        };
        /**
         * @description Why an influencer is `failed`: the job that failed it and that job's error.
         * @example {
         *       "jobId": "job_01HXZ9G7KMV2QX8Y1S5RJW3B7T",
         *       "error": {
         *         "code": "RENDER_FAILED",
         *         "message": "The portrait render did not converge."
         *       }
         *     }
         */
        InfluencerFailure: {
            jobId: components["schemas"]["JobId"];
            error: components["schemas"]["JobError"];
        };
        /**
         * @description Id of a generated media asset, `med_` followed by a 26-character ULID.
         * @example med_01HX9Y6K7EJ4T2ABCDEF0123AB
         */
        AssetId: string;
        /**
         * Format: uri
         * @description Absolute URL of an image (HTTPS in production; a local development server may serve HTTP).
         * @example https://api.layers.com/media/med_01HX9Y6K7EJ4T2ABCDEF0123AB.png
         */
        ImageUrl: string;
        /**
         * @description A generated portrait that anchors the influencer's appearance. Produced by the create or clone job; read-only.
         * @example {
         *       "assetId": "med_01HX9Y6K7EJ4T2ABCDEF0123AB",
         *       "url": "https://api.layers.com/media/med_01HX9Y6K7EJ4T2ABCDEF0123AB.png",
         *       "thumbnailUrl": "https://api.layers.com/media/med_01HX9Y6K7EJ4T2ABCDEF0123AB-thumb.png",
         *       "addedAt": "2026-04-18T12:05:02.000Z"
         *     }
         */
        ReferenceImage: {
            assetId: components["schemas"]["AssetId"];
            url: components["schemas"]["ImageUrl"];
            thumbnailUrl: components["schemas"]["ImageUrl"];
            addedAt: components["schemas"]["Timestamp"];
        };
        /**
         * @description The partner-facing influencer record: identity, lifecycle, voice and language, plus the
         *     generated portraits. Persona descriptors are generated and managed server-side and are not exposed.
         * @example {
         *       "influencerId": "inf_4a8e1bc2-3d4f-46a8-9b0c-1d2e3f4a5b6c",
         *       "projectId": "prj_254a4ce1-f4ca-42b1-9e36-17ca45ef3d39",
         *       "name": "Nova",
         *       "gender": "non_binary",
         *       "ageRange": "young_adult",
         *       "brandVoice": "casual",
         *       "language": "en",
         *       "status": "ready",
         *       "failure": null,
         *       "referenceImages": [
         *         {
         *           "assetId": "med_01HX9Y6K7EJ4T2ABCDEF0123AB",
         *           "url": "https://api.layers.com/media/med_01HX9Y6K7EJ4T2ABCDEF0123AB.png",
         *           "thumbnailUrl": "https://api.layers.com/media/med_01HX9Y6K7EJ4T2ABCDEF0123AB-thumb.png",
         *           "addedAt": "2026-04-18T12:05:02.000Z"
         *         }
         *       ],
         *       "createdAt": "2026-04-18T12:04:11.000Z",
         *       "updatedAt": "2026-04-18T12:05:02.000Z"
         *     }
         */
        Influencer: {
            influencerId: components["schemas"]["InfluencerId"];
            projectId: components["schemas"]["ProjectId"];
            name: components["schemas"]["DisplayName"];
            gender: components["schemas"]["Gender"];
            ageRange: components["schemas"]["AgeRange"];
            brandVoice: components["schemas"]["BrandVoice"];
            language: components["schemas"]["Language"];
            status: components["schemas"]["InfluencerStatus"];
            /** @description Why the influencer is `failed` (the failed job and its error); `null` in every other status. */
            failure: components["schemas"]["InfluencerFailure"] | null;
            /** @description Generated portraits, newest last. Empty until the create or clone job renders them. */
            referenceImages: components["schemas"]["ReferenceImage"][];
            createdAt: components["schemas"]["Timestamp"];
            updatedAt: components["schemas"]["Timestamp"];
        };
        /**
         * @description One page of a project's influencers, oldest first. Deleted influencers are never listed.
         * @example {
         *       "data": [
         *         {
         *           "influencerId": "inf_4a8e1bc2-3d4f-46a8-9b0c-1d2e3f4a5b6c",
         *           "projectId": "prj_254a4ce1-f4ca-42b1-9e36-17ca45ef3d39",
         *           "name": "Nova",
         *           "gender": "non_binary",
         *           "ageRange": "young_adult",
         *           "brandVoice": "casual",
         *           "language": "en",
         *           "status": "ready",
         *           "failure": null,
         *           "referenceImages": [
         *             {
         *               "assetId": "med_01HX9Y6K7EJ4T2ABCDEF0123AB",
         *               "url": "https://api.layers.com/media/med_01HX9Y6K7EJ4T2ABCDEF0123AB.png",
         *               "thumbnailUrl": "https://api.layers.com/media/med_01HX9Y6K7EJ4T2ABCDEF0123AB-thumb.png",
         *               "addedAt": "2026-04-18T12:04:11.000Z"
         *             }
         *           ],
         *           "createdAt": "2026-04-18T12:04:11.000Z",
         *           "updatedAt": "2026-04-18T12:04:11.000Z"
         *         }
         *       ],
         *       "nextCursor": "eyJhZnRlciI6ImluZl80YThlMWJjMiJ9"
         *     }
         */
        InfluencerList: {
            data: components["schemas"]["Influencer"][];
            /** @description Pass as `cursor` to fetch the next page; `null` on the last page. */
            nextCursor: components["schemas"]["Cursor"] | null;
        };
        /**
         * @description Free-text hint that steers visual generation, such as `70s rocker vibe` or `barista energy`. 1–60 characters.
         * @example barista energy, soft morning light
         */
        Prompt: string;
        /**
         * @description Intentionally tiny: every field is optional and unknown fields (`name`, `brandVoice`, `language`,
         *     `referenceImages`, ...) are rejected with `422 VALIDATION`. The display name, portrait and persona
         *     are generated server-side; voice and language are inherited from the project.
         * @example {
         *       "gender": "female",
         *       "ageRange": "young_adult",
         *       "prompt": "barista energy, soft morning light"
         *     }
         * @example {}
         */
        InfluencerCreateRequest: {
            /** @description Defaults to the project's `targetGender` when that is `female` or `male`, else `female`. */
            gender?: components["schemas"]["Gender"];
            /**
             * @description Defaults to `young_adult`.
             * @default young_adult
             */
            ageRange?: components["schemas"]["AgeRange"];
            /** @description Omit for a generic persona based on `gender` and `ageRange` alone. Write-only; not stored on the record. */
            prompt?: components["schemas"]["Prompt"];
        };
        /**
         * @description What the job does. Create, clone and project provisioning all run `influencer_create`.
         *     An open list (`x-extensible-enum`): later versions add kinds (content jobs, for example), so a
         *     client handles a kind it does not know, for example by ignoring the job.
         * @example influencer_create
         */
        JobKind: string;
        /**
         * @description `running` from acceptance until the influencer is `ready` (→ `succeeded`) or `failed` (→ `failed`).
         *     `succeeded` and `failed` are terminal; a job never leaves them.
         * @example running
         * @enum {string}
         */
        JobStatus: "running" | "succeeded" | "failed";
        /**
         * @description An async unit of work. The `202` answer of create, clone and (through `initialInfluencer`) project
         *     provisioning is this object; poll `locationUrl` until `status` is terminal.
         * @example {
         *       "jobId": "job_01HXZ9G7KMV2QX8Y1S5RJW3B7T",
         *       "kind": "influencer_create",
         *       "status": "running",
         *       "influencerId": "inf_4a8e1bc2-3d4f-46a8-9b0c-1d2e3f4a5b6c",
         *       "locationUrl": "/v1/jobs/job_01HXZ9G7KMV2QX8Y1S5RJW3B7T",
         *       "createdAt": "2026-04-18T12:04:11.000Z",
         *       "updatedAt": "2026-04-18T12:04:11.000Z",
         *       "completedAt": null,
         *       "error": null
         *     }
         */
        Job: {
            jobId: components["schemas"]["JobId"];
            kind: components["schemas"]["JobKind"];
            status: components["schemas"]["JobStatus"];
            /** @description The influencer this job creates. The row exists (`pending`) from the moment the job is accepted. */
            influencerId: components["schemas"]["InfluencerId"];
            /** @description Path of this job, relative to the API's base URL. */
            locationUrl: string;
            createdAt: components["schemas"]["Timestamp"];
            updatedAt: components["schemas"]["Timestamp"];
            /** @description When the job reached a terminal state; `null` while running. */
            completedAt: components["schemas"]["Timestamp"] | null;
            /** @description Present when `status` is `failed`; `null` otherwise. */
            error: components["schemas"]["JobError"] | null;
        };
        /**
         * @description Optional body of a delete. The reason is kept on the deleted row for audit; it is never returned.
         * @example {
         *       "reason": "Persona retired after the spring campaign."
         *     }
         */
        InfluencerDeleteRequest: {
            /** @description Why the influencer was deleted. 1–500 characters. */
            reason?: string;
        };
        /**
         * @description Acknowledges a soft delete. From now on the influencer answers `404` and is absent from lists.
         * @example {
         *       "influencerId": "inf_4a8e1bc2-3d4f-46a8-9b0c-1d2e3f4a5b6c",
         *       "status": "deleted",
         *       "deletedAt": "2026-05-02T09:30:00.000Z"
         *     }
         */
        InfluencerDeleted: {
            influencerId: components["schemas"]["InfluencerId"];
            /**
             * @description Always `deleted`.
             * @constant
             */
            status: "deleted";
            deletedAt: components["schemas"]["Timestamp"];
        };
        /**
         * @description Partial update. Send at least one field; omitted fields are unchanged; `null` is not accepted.
         * @example {
         *       "brandVoice": "witty"
         *     }
         * @example {
         *       "name": "Nova",
         *       "language": "en-US"
         *     }
         */
        InfluencerPatchRequest: {
            name?: components["schemas"]["DisplayName"];
            gender?: components["schemas"]["Gender"];
            ageRange?: components["schemas"]["AgeRange"];
            brandVoice?: components["schemas"]["BrandVoice"];
            language?: components["schemas"]["Language"];
        };
        /**
         * @description Fields applied on top of the source before the clone renders: the same persona, with the
         *     source's appearance as the render's anchor, in another voice or language. Gender and age are not
         *     overridable (they are the appearance the clone keeps); for a different-looking persona, create a
         *     new influencer. Anything else is rejected with `422 VALIDATION`.
         * @example {
         *       "language": "es-MX"
         *     }
         */
        InfluencerCloneOverrides: {
            brandVoice?: components["schemas"]["BrandVoice"];
            language?: components["schemas"]["Language"];
        };
        /**
         * @description Strict body. The clone's id is server-generated (`newInfluencerId` is rejected); the source id is
         *     the path parameter, never a body field.
         * @example {
         *       "name": "Maria (ES)",
         *       "overrides": {
         *         "language": "es-MX"
         *       }
         *     }
         * @example {
         *       "name": "Maria (deadpan)",
         *       "prompt": "sharper, more deadpan",
         *       "overrides": {
         *         "brandVoice": "witty"
         *       }
         *     }
         */
        InfluencerCloneRequest: {
            /** @description Display name of the clone. */
            name: components["schemas"]["DisplayName"];
            overrides?: components["schemas"]["InfluencerCloneOverrides"];
            /**
             * @description Optional hint that steers the clone's render on top of the source's appearance, such as
             *     `sharper, more deadpan` (the older pages' `overrides.vibe` and `overrides.style`). Omit to
             *     render the source's look as it is. Write-only; not stored on the record.
             */
            prompt?: components["schemas"]["Prompt"];
        };
    };
    responses: {
        /** @description The request is not well-formed HTTP (framing, a missing or doubled Host, a request target that is not a path with UTF-8 percent-escapes). The connection is closed. */
        MalformedRequest: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["TransportErrorEnvelope"];
            };
        };
        /** @description No valid API key: the `Authorization: Bearer` (or `X-Api-Key`) header is missing, malformed or revoked, or the two headers disagree. */
        Unauthenticated: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The key is valid but lacks the scope this operation needs. */
        ForbiddenScope: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The request headers or body arrived too slowly. The connection is closed. */
        RequestTimeout: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["TransportErrorEnvelope"];
            };
        };
        /** @description A request with this `Idempotency-Key` is still being processed. Retry after it completes. */
        IdempotencyKeyInUse: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The request body is not `application/json`. */
        UnsupportedMediaType: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description Too many requests for this key. Wait `Retry-After` seconds. */
        RateLimited: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The request header block is too large. The connection is closed. */
        HeadersTooLarge: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["TransportErrorEnvelope"];
            };
        };
        /** @description Something went wrong on our side. Safe to retry idempotent requests and keyed POSTs. */
        Internal: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description No such project visible to this key (the project is in another org). */
        ProjectNotFound: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The project id in the path is not in its documented format (for example a bare UUID without its `prj_` prefix). */
        MalformedProjectId: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description No such influencer visible to this key: it is in another org, was deleted (a deleted id answers 404 for ever and is never reused), or never existed. */
        InfluencerNotFound: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The influencer id in the path is not in its documented format (for example a bare UUID without its `inf_` prefix). */
        MalformedInfluencerId: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description No such job visible to this key (the job is in another org). */
        JobNotFound: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The job id in the path is not in its documented format (`job_` followed by a 26-character ULID). */
        MalformedJobId: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
    };
    parameters: {
        /**
         * @description Makes a retry safe. A retry of the same request with the same key, within 24 hours, replays the
         *     first response exactly (with `Idempotency-Replayed: true`) and creates nothing new. The same
         *     request means the same method, path (with its ids) and body; the order of keys in the JSON does
         *     not matter. The same key with any other request (another project, another clone source, another
         *     body) answers `422 IDEMPOTENCY_KEY_REUSED`; a retry while the first request is still in flight
         *     answers `409 IDEMPOTENCY_KEY_IN_USE`. Only a `2xx` answer is stored and replayed: a request that
         *     fails (any `4xx` or `5xx`) stores nothing, so a corrected retry with the same key is a new attempt.
         *     Keys are scoped to your org and to the operation.
         * @example 8d2f1a3e-0b4c-4a11-9f7e-33c0a2c1bd55
         */
        IdempotencyKey: string;
        /**
         * @description The project's id. A project of another org answers `404`, as if it did not exist.
         * @example prj_254a4ce1-f4ca-42b1-9e36-17ca45ef3d39
         */
        ProjectId: components["schemas"]["ProjectId"];
        /**
         * @description Page size, 1–100.
         * @example 20
         */
        Limit: number;
        /**
         * @description The `nextCursor` of the previous page, passed back unchanged. Omit for the first page. Cursors are
         *     opaque and signed, bound to the project that issued them, and do not expire; any other value (one
         *     this API never issued, one that was altered, or another project's) answers `422 VALIDATION`
         *     naming `cursor`.
         * @example eyJhZnRlciI6ImluZl80YThlMWJjMiJ9
         */
        Cursor: components["schemas"]["Cursor"];
        /**
         * @description The influencer's id. Influencers of another org, and deleted ones, answer `404`.
         * @example inf_4a8e1bc2-3d4f-46a8-9b0c-1d2e3f4a5b6c
         */
        InfluencerId: components["schemas"]["InfluencerId"];
        /**
         * @description The job's id, from a `202` answer or a project's `initialInfluencer`.
         * @example job_01HXZ9G7KMV2QX8Y1S5RJW3B7T
         */
        JobId: components["schemas"]["JobId"];
    };
    requestBodies: never;
    headers: {
        /**
         * @description Path of the created resource (`201`) or of the job to poll (`202`), relative to the API's base URL.
         * @example /v1/jobs/job_01HXZ9G7KMV2QX8Y1S5RJW3B7T
         */
        Location: string;
        /**
         * @description `true` when this response is a replay of an earlier request with the same `Idempotency-Key`. Absent otherwise.
         * @example true
         */
        IdempotencyReplayed: "true";
        /**
         * @description Id of the request that produced this response, on every response. On an error it equals the
         *     envelope's `error.requestId`. Quote it to support. The server always makes its own; a client's
         *     `X-Request-Id` is not echoed.
         */
        RequestId: components["schemas"]["RequestId"];
        /**
         * @description The authentication scheme to use (RFC 9110 §11.6.1): `Bearer`, with this API's realm. Sent on
         *     every `401`.
         * @example Bearer realm="Layers Partner API"
         */
        WWWAuthenticate: string;
        /**
         * @description Seconds to wait before retrying.
         * @example 30
         */
        RetryAfter: number;
    };
    pathItems: never;
}
export type DisplayName = components['schemas']['DisplayName'];
export type AppDescription = components['schemas']['AppDescription'];
export type TargetGender = components['schemas']['TargetGender'];
export type BrandVoice = components['schemas']['BrandVoice'];
export type Language = components['schemas']['Language'];
export type ProjectCreateRequest = components['schemas']['ProjectCreateRequest'];
export type RequestId = components['schemas']['RequestId'];
export type ProjectId = components['schemas']['ProjectId'];
export type InfluencerId = components['schemas']['InfluencerId'];
export type JobId = components['schemas']['JobId'];
export type InitialInfluencer = components['schemas']['InitialInfluencer'];
export type Timestamp = components['schemas']['Timestamp'];
export type Project = components['schemas']['Project'];
export type TransportErrorCode = components['schemas']['TransportErrorCode'];
export type TransportErrorEnvelope = components['schemas']['TransportErrorEnvelope'];
export type ErrorCode = components['schemas']['ErrorCode'];
export type ErrorDetails = components['schemas']['ErrorDetails'];
export type ErrorEnvelope = components['schemas']['ErrorEnvelope'];
export type Cursor = components['schemas']['Cursor'];
export type Gender = components['schemas']['Gender'];
export type AgeRange = components['schemas']['AgeRange'];
export type InfluencerStatus = components['schemas']['InfluencerStatus'];
export type JobErrorCode = components['schemas']['JobErrorCode'];
export type JobError = components['schemas']['JobError'];
export type InfluencerFailure = components['schemas']['InfluencerFailure'];
export type AssetId = components['schemas']['AssetId'];
export type ImageUrl = components['schemas']['ImageUrl'];
export type ReferenceImage = components['schemas']['ReferenceImage'];
export type Influencer = components['schemas']['Influencer'];
export type InfluencerList = components['schemas']['InfluencerList'];
export type Prompt = components['schemas']['Prompt'];
export type InfluencerCreateRequest = components['schemas']['InfluencerCreateRequest'];
export type JobKind = components['schemas']['JobKind'];
export type JobStatus = components['schemas']['JobStatus'];
export type Job = components['schemas']['Job'];
export type InfluencerDeleteRequest = components['schemas']['InfluencerDeleteRequest'];
export type InfluencerDeleted = components['schemas']['InfluencerDeleted'];
export type InfluencerPatchRequest = components['schemas']['InfluencerPatchRequest'];
export type InfluencerCloneOverrides = components['schemas']['InfluencerCloneOverrides'];
export type InfluencerCloneRequest = components['schemas']['InfluencerCloneRequest'];
export type ResponseMalformedRequest = components['responses']['MalformedRequest'];
export type ResponseUnauthenticated = components['responses']['Unauthenticated'];
export type ResponseForbiddenScope = components['responses']['ForbiddenScope'];
export type ResponseRequestTimeout = components['responses']['RequestTimeout'];
export type ResponseIdempotencyKeyInUse = components['responses']['IdempotencyKeyInUse'];
export type ResponseUnsupportedMediaType = components['responses']['UnsupportedMediaType'];
export type ResponseRateLimited = components['responses']['RateLimited'];
export type ResponseHeadersTooLarge = components['responses']['HeadersTooLarge'];
export type ResponseInternal = components['responses']['Internal'];
export type ResponseProjectNotFound = components['responses']['ProjectNotFound'];
export type ResponseMalformedProjectId = components['responses']['MalformedProjectId'];
export type ResponseInfluencerNotFound = components['responses']['InfluencerNotFound'];
export type ResponseMalformedInfluencerId = components['responses']['MalformedInfluencerId'];
export type ResponseJobNotFound = components['responses']['JobNotFound'];
export type ResponseMalformedJobId = components['responses']['MalformedJobId'];
export type ParameterIdempotencyKey = components['parameters']['IdempotencyKey'];
export type ParameterProjectId = components['parameters']['ProjectId'];
export type ParameterLimit = components['parameters']['Limit'];
export type ParameterCursor = components['parameters']['Cursor'];
export type ParameterInfluencerId = components['parameters']['InfluencerId'];
export type ParameterJobId = components['parameters']['JobId'];
export type HeaderLocation = components['headers']['Location'];
export type HeaderIdempotencyReplayed = components['headers']['IdempotencyReplayed'];
export type HeaderRequestId = components['headers']['RequestId'];
export type HeaderWwwAuthenticate = components['headers']['WWWAuthenticate'];
export type HeaderRetryAfter = components['headers']['RetryAfter'];
export type $defs = Record<string, never>;
export interface operations {
    createProject: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe. A retry of the same request with the same key, within 24 hours, replays the
                 *     first response exactly (with `Idempotency-Replayed: true`) and creates nothing new. The same
                 *     request means the same method, path (with its ids) and body; the order of keys in the JSON does
                 *     not matter. The same key with any other request (another project, another clone source, another
                 *     body) answers `422 IDEMPOTENCY_KEY_REUSED`; a retry while the first request is still in flight
                 *     answers `409 IDEMPOTENCY_KEY_IN_USE`. Only a `2xx` answer is stored and replayed: a request that
                 *     fails (any `4xx` or `5xx`) stores nothing, so a corrected retry with the same key is a new attempt.
                 *     Keys are scoped to your org and to the operation.
                 * @example 8d2f1a3e-0b4c-4a11-9f7e-33c0a2c1bd55
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProjectCreateRequest"];
            };
        };
        responses: {
            /** @description Project created. `initialInfluencer` is set when `appDescription` was supplied. */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    "Idempotency-Replayed": components["headers"]["IdempotencyReplayed"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"];
                };
            };
            400: components["responses"]["MalformedRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenScope"];
            408: components["responses"]["RequestTimeout"];
            409: components["responses"]["IdempotencyKeyInUse"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description The body is invalid (unknown field, bad enum, too long, wrong type, malformed JSON), or the `Idempotency-Key` was used with a different body. */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            429: components["responses"]["RateLimited"];
            431: components["responses"]["HeadersTooLarge"];
            500: components["responses"]["Internal"];
        };
    };
    getProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The project's id. A project of another org answers `404`, as if it did not exist.
                 * @example prj_254a4ce1-f4ca-42b1-9e36-17ca45ef3d39
                 */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The project. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"];
                };
            };
            400: components["responses"]["MalformedRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenScope"];
            404: components["responses"]["ProjectNotFound"];
            408: components["responses"]["RequestTimeout"];
            422: components["responses"]["MalformedProjectId"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["HeadersTooLarge"];
            500: components["responses"]["Internal"];
        };
    };
    listInfluencers: {
        parameters: {
            query?: {
                /**
                 * @description Page size, 1–100.
                 * @example 20
                 */
                limit?: components["parameters"]["Limit"];
                /**
                 * @description The `nextCursor` of the previous page, passed back unchanged. Omit for the first page. Cursors are
                 *     opaque and signed, bound to the project that issued them, and do not expire; any other value (one
                 *     this API never issued, one that was altered, or another project's) answers `422 VALIDATION`
                 *     naming `cursor`.
                 * @example eyJhZnRlciI6ImluZl80YThlMWJjMiJ9
                 */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path: {
                /**
                 * @description The project's id. A project of another org answers `404`, as if it did not exist.
                 * @example prj_254a4ce1-f4ca-42b1-9e36-17ca45ef3d39
                 */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of influencers. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InfluencerList"];
                };
            };
            400: components["responses"]["MalformedRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenScope"];
            404: components["responses"]["ProjectNotFound"];
            408: components["responses"]["RequestTimeout"];
            /** @description `limit` out of 1–100, a malformed or unknown `cursor`, or a malformed project id. */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            429: components["responses"]["RateLimited"];
            431: components["responses"]["HeadersTooLarge"];
            500: components["responses"]["Internal"];
        };
    };
    createInfluencer: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe. A retry of the same request with the same key, within 24 hours, replays the
                 *     first response exactly (with `Idempotency-Replayed: true`) and creates nothing new. The same
                 *     request means the same method, path (with its ids) and body; the order of keys in the JSON does
                 *     not matter. The same key with any other request (another project, another clone source, another
                 *     body) answers `422 IDEMPOTENCY_KEY_REUSED`; a retry while the first request is still in flight
                 *     answers `409 IDEMPOTENCY_KEY_IN_USE`. Only a `2xx` answer is stored and replayed: a request that
                 *     fails (any `4xx` or `5xx`) stores nothing, so a corrected retry with the same key is a new attempt.
                 *     Keys are scoped to your org and to the operation.
                 * @example 8d2f1a3e-0b4c-4a11-9f7e-33c0a2c1bd55
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The project's id. A project of another org answers `404`, as if it did not exist.
                 * @example prj_254a4ce1-f4ca-42b1-9e36-17ca45ef3d39
                 */
                projectId: components["parameters"]["ProjectId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["InfluencerCreateRequest"];
            };
        };
        responses: {
            /** @description Job accepted. The influencer exists with `status` `pending`; poll the job for completion. */
            202: {
                headers: {
                    Location: components["headers"]["Location"];
                    "Idempotency-Replayed": components["headers"]["IdempotencyReplayed"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            400: components["responses"]["MalformedRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenScope"];
            404: components["responses"]["ProjectNotFound"];
            408: components["responses"]["RequestTimeout"];
            409: components["responses"]["IdempotencyKeyInUse"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description Validation failed: an unknown field (such as `name`, `brandVoice`, `language`), an enum out of range, a `prompt` outside 1–60 characters, a malformed project id or malformed JSON. Or the `Idempotency-Key` was used with a different body. */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            429: components["responses"]["RateLimited"];
            431: components["responses"]["HeadersTooLarge"];
            500: components["responses"]["Internal"];
        };
    };
    getInfluencer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The influencer's id. Influencers of another org, and deleted ones, answer `404`.
                 * @example inf_4a8e1bc2-3d4f-46a8-9b0c-1d2e3f4a5b6c
                 */
                influencerId: components["parameters"]["InfluencerId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The influencer. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Influencer"];
                };
            };
            400: components["responses"]["MalformedRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenScope"];
            404: components["responses"]["InfluencerNotFound"];
            408: components["responses"]["RequestTimeout"];
            422: components["responses"]["MalformedInfluencerId"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["HeadersTooLarge"];
            500: components["responses"]["Internal"];
        };
    };
    deleteInfluencer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The influencer's id. Influencers of another org, and deleted ones, answer `404`.
                 * @example inf_4a8e1bc2-3d4f-46a8-9b0c-1d2e3f4a5b6c
                 */
                influencerId: components["parameters"]["InfluencerId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["InfluencerDeleteRequest"];
            };
        };
        responses: {
            /** @description Deleted. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InfluencerDeleted"];
                };
            };
            400: components["responses"]["MalformedRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenScope"];
            404: components["responses"]["InfluencerNotFound"];
            408: components["responses"]["RequestTimeout"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description Validation failed: an unknown field, a `reason` outside 1–500 characters, malformed JSON or a malformed id. */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            429: components["responses"]["RateLimited"];
            431: components["responses"]["HeadersTooLarge"];
            500: components["responses"]["Internal"];
        };
    };
    patchInfluencer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The influencer's id. Influencers of another org, and deleted ones, answer `404`.
                 * @example inf_4a8e1bc2-3d4f-46a8-9b0c-1d2e3f4a5b6c
                 */
                influencerId: components["parameters"]["InfluencerId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InfluencerPatchRequest"];
            };
        };
        responses: {
            /** @description The updated influencer. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Influencer"];
                };
            };
            400: components["responses"]["MalformedRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenScope"];
            404: components["responses"]["InfluencerNotFound"];
            408: components["responses"]["RequestTimeout"];
            415: components["responses"]["UnsupportedMediaType"];
            /** @description Validation failed: an empty body, an unknown field (such as `personality`), a bad enum, a `null`, a name outside 1–128 characters, malformed JSON or a malformed id. */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            429: components["responses"]["RateLimited"];
            431: components["responses"]["HeadersTooLarge"];
            500: components["responses"]["Internal"];
        };
    };
    cloneInfluencer: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe. A retry of the same request with the same key, within 24 hours, replays the
                 *     first response exactly (with `Idempotency-Replayed: true`) and creates nothing new. The same
                 *     request means the same method, path (with its ids) and body; the order of keys in the JSON does
                 *     not matter. The same key with any other request (another project, another clone source, another
                 *     body) answers `422 IDEMPOTENCY_KEY_REUSED`; a retry while the first request is still in flight
                 *     answers `409 IDEMPOTENCY_KEY_IN_USE`. Only a `2xx` answer is stored and replayed: a request that
                 *     fails (any `4xx` or `5xx`) stores nothing, so a corrected retry with the same key is a new attempt.
                 *     Keys are scoped to your org and to the operation.
                 * @example 8d2f1a3e-0b4c-4a11-9f7e-33c0a2c1bd55
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The influencer's id. Influencers of another org, and deleted ones, answer `404`.
                 * @example inf_4a8e1bc2-3d4f-46a8-9b0c-1d2e3f4a5b6c
                 */
                influencerId: components["parameters"]["InfluencerId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InfluencerCloneRequest"];
            };
        };
        responses: {
            /** @description Clone accepted. The new influencer exists with `status` `pending`; poll the job. */
            202: {
                headers: {
                    Location: components["headers"]["Location"];
                    "Idempotency-Replayed": components["headers"]["IdempotencyReplayed"];
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            400: components["responses"]["MalformedRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenScope"];
            404: components["responses"]["InfluencerNotFound"];
            408: components["responses"]["RequestTimeout"];
            /** @description The source is not `ready` yet (or has `failed`), so it has no appearance to anchor a clone; or a request with this `Idempotency-Key` is still in progress. */
            409: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            415: components["responses"]["UnsupportedMediaType"];
            /** @description Validation failed: missing `name`, an unknown field (such as `newInfluencerId`, or `vibe` in `overrides`), bad types or enums, malformed JSON or a malformed id. Or the `Idempotency-Key` was used with a different body. */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            429: components["responses"]["RateLimited"];
            431: components["responses"]["HeadersTooLarge"];
            500: components["responses"]["Internal"];
        };
    };
    getJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The job's id, from a `202` answer or a project's `initialInfluencer`.
                 * @example job_01HXZ9G7KMV2QX8Y1S5RJW3B7T
                 */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["RequestId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Job"];
                };
            };
            400: components["responses"]["MalformedRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["ForbiddenScope"];
            404: components["responses"]["JobNotFound"];
            408: components["responses"]["RequestTimeout"];
            422: components["responses"]["MalformedJobId"];
            429: components["responses"]["RateLimited"];
            431: components["responses"]["HeadersTooLarge"];
            500: components["responses"]["Internal"];
        };
    };
}
/** The values `TransportErrorCode` lists in this version; a later version may add others (an open list). */
export type KnownTransportErrorCode = "MALFORMED_REQUEST" | "REQUEST_TIMEOUT" | "HEADERS_TOO_LARGE";
/** The values `ErrorCode` lists in this version; a later version may add others (an open list). */
export type KnownErrorCode = "VALIDATION" | "UNAUTHENTICATED" | "FORBIDDEN_SCOPE" | "NOT_FOUND" | "CONFLICT" | "IDEMPOTENCY_KEY_IN_USE" | "IDEMPOTENCY_KEY_REUSED" | "UNSUPPORTED_MEDIA_TYPE" | "RATE_LIMITED" | "INTERNAL";
/** The values `JobErrorCode` lists in this version; a later version may add others (an open list). */
export type KnownJobErrorCode = "RENDER_FAILED" | "PROMPT_REJECTED" | "SOURCE_UNAVAILABLE" | "INTERNAL";
/** The values `JobKind` lists in this version; a later version may add others (an open list). */
export type KnownJobKind = "influencer_create";
