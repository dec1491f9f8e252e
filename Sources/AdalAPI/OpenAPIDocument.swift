/// The OpenAPI 3.1 description of every route, served at `/openapi.json`. `make test` checks it
/// with openapi-spec-validator and runs schemathesis against a live server with it.
enum OpenAPIDocument {
    static let json = #"""
{
 "openapi": "3.1.0",
 "info": {
  "title": "Adal",
  "version": "1",
  "description": "Case management for anti-corruption prevention offices: volunteers, applications to volunteer, events and councils. Every error is an RFC 9457 problem document. A user sees the records of their region's subtree; a record outside it answers 404, like one that does not exist."
 },
 "servers": [
  {
   "url": "/"
  }
 ],
 "security": [
  {
   "bearer": []
  }
 ],
 "tags": [
  {
   "name": "operations"
  },
  {
   "name": "sessions"
  },
  {
   "name": "volunteers"
  },
  {
   "name": "applications"
  },
  {
   "name": "directory"
  },
  {
   "name": "audit"
  },
  {
   "name": "public"
  },
  {
   "name": "reports"
  }
 ],
 "paths": {
  "/health": {
   "get": {
    "tags": [
     "operations"
    ],
    "operationId": "health",
    "summary": "The process is up.",
    "security": [],
    "responses": {
     "200": {
      "description": "Up.",
      "content": {
       "text/plain": {
        "schema": {
         "type": "string"
        }
       }
      }
     }
    }
   }
  },
  "/ready": {
   "get": {
    "tags": [
     "operations"
    ],
    "operationId": "ready",
    "summary": "The database answers and every migration is applied.",
    "security": [],
    "responses": {
     "200": {
      "description": "Ready.",
      "content": {
       "text/plain": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "503": {
      "$ref": "#/components/responses/ServiceUnavailable"
     }
    }
   }
  },
  "/metrics": {
   "get": {
    "tags": [
     "operations"
    ],
    "operationId": "metrics",
    "summary": "Prometheus text: requests by route and status, latency, pool use.",
    "security": [],
    "responses": {
     "200": {
      "description": "Metrics.",
      "content": {
       "text/plain": {
        "schema": {
         "type": "string"
        }
       }
      }
     }
    }
   }
  },
  "/openapi.json": {
   "get": {
    "tags": [
     "operations"
    ],
    "operationId": "openapi",
    "summary": "This document.",
    "security": [],
    "responses": {
     "200": {
      "description": "The document.",
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     }
    }
   }
  },
  "/v1/sessions": {
   "post": {
    "tags": [
     "sessions"
    ],
    "operationId": "login",
    "summary": "Exchange e-mail and password for a bearer token.",
    "security": [],
    "description": "Ten failed logins of one account within 15 minutes lock it for 15 minutes.",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/Login"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "A session token, shown once.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Session"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "415": {
      "$ref": "#/components/responses/UnsupportedMediaType"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     },
     "429": {
      "$ref": "#/components/responses/TooManyRequests"
     }
    }
   }
  },
  "/v1/sessions/current": {
   "delete": {
    "tags": [
     "sessions"
    ],
    "operationId": "logout",
    "summary": "Revoke the token this request carries.",
    "responses": {
     "204": {
      "description": "Revoked."
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     }
    }
   }
  },
  "/v1/me": {
   "get": {
    "tags": [
     "sessions"
    ],
    "operationId": "me",
    "summary": "The signed-in account, its regions and permissions.",
    "responses": {
     "200": {
      "description": "The account.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Me"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     }
    }
   }
  },
  "/v1/regions": {
   "get": {
    "tags": [
     "directory"
    ],
    "operationId": "listRegions",
    "summary": "The region directory of the three countries.",
    "parameters": [
     {
      "name": "country",
      "in": "query",
      "schema": {
       "type": "string",
       "enum": [
        "KZ",
        "UZ",
        "AZ"
       ]
      }
     }
    ],
    "responses": {
     "200": {
      "description": "Regions.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/RegionList"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    }
   }
  },
  "/v1/volunteers": {
   "get": {
    "tags": [
     "volunteers"
    ],
    "operationId": "listVolunteers",
    "summary": "Volunteers in scope, oldest first, by pages; or a name search in any script with q.",
    "description": "National IDs are masked and contact details left out; read one volunteer for those.",
    "parameters": [
     {
      "name": "region",
      "in": "query",
      "description": "A region code: that region and the regions under it.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "status",
      "in": "query",
      "schema": {
       "$ref": "#/components/schemas/VolunteerStatus"
      }
     },
     {
      "name": "kind",
      "in": "query",
      "schema": {
       "$ref": "#/components/schemas/VolunteerKind"
      }
     },
     {
      "name": "q",
      "in": "query",
      "description": "Part of a name, in Cyrillic or Latin script.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "after",
      "in": "query",
      "description": "next_after of the previous page.",
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     },
     {
      "$ref": "#/components/parameters/limit"
     }
    ],
    "responses": {
     "200": {
      "description": "A page.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/VolunteerPage"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    }
   },
   "post": {
    "tags": [
     "volunteers"
    ],
    "operationId": "registerVolunteer",
    "summary": "Register a volunteer (registrar, admin).",
    "parameters": [
     {
      "$ref": "#/components/parameters/idempotencyKey"
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/VolunteerRegistration"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Registered.",
      "headers": {
       "Location": {
        "$ref": "#/components/headers/Location"
       },
       "ETag": {
        "$ref": "#/components/headers/ETag"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Volunteer"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "415": {
      "$ref": "#/components/responses/UnsupportedMediaType"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    }
   }
  },
  "/v1/volunteers/{id}": {
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     }
    }
   ],
   "get": {
    "tags": [
     "volunteers"
    ],
    "operationId": "getVolunteer",
    "summary": "One volunteer with contact details (and the national ID, masked for coordinators). The read is audited.",
    "responses": {
     "200": {
      "description": "The volunteer.",
      "headers": {
       "ETag": {
        "$ref": "#/components/headers/ETag"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Volunteer"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    }
   },
   "patch": {
    "tags": [
     "volunteers"
    ],
    "operationId": "changeVolunteer",
    "summary": "Change status, areas, office or contact details (registrar, admin).",
    "parameters": [
     {
      "name": "If-Match",
      "in": "header",
      "required": true,
      "description": "The ETag of the volunteer as read (or * for whatever is current).",
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/VolunteerChange"
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "Changed.",
      "headers": {
       "ETag": {
        "$ref": "#/components/headers/ETag"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Volunteer"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "412": {
      "$ref": "#/components/responses/PreconditionFailed"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "415": {
      "$ref": "#/components/responses/UnsupportedMediaType"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     },
     "428": {
      "$ref": "#/components/responses/PreconditionRequired"
     }
    }
   }
  },
  "/v1/applications": {
   "get": {
    "tags": [
     "applications"
    ],
    "operationId": "listApplications",
    "summary": "Applications to volunteer in scope, by due date.",
    "parameters": [
     {
      "name": "region",
      "in": "query",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "status",
      "in": "query",
      "schema": {
       "$ref": "#/components/schemas/ApplicationStatus"
      }
     },
     {
      "name": "overdue_on",
      "in": "query",
      "description": "Only open ones due before this date.",
      "schema": {
       "type": "string",
       "format": "date"
      }
     },
     {
      "name": "due_before",
      "in": "query",
      "schema": {
       "type": "string",
       "format": "date"
      }
     },
     {
      "name": "reviewer",
      "in": "query",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "after",
      "in": "query",
      "schema": {
       "type": "string",
       "format": "uuid"
      }
     },
     {
      "$ref": "#/components/parameters/limit"
     }
    ],
    "responses": {
     "200": {
      "description": "A page.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ApplicationPage"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    }
   },
   "post": {
    "tags": [
     "applications"
    ],
    "operationId": "takeApplication",
    "summary": "Take in an application at the office (registrar, admin).",
    "parameters": [
     {
      "$ref": "#/components/parameters/idempotencyKey"
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/ApplicationForm"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Taken in.",
      "headers": {
       "Location": {
        "$ref": "#/components/headers/Location"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Application"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "415": {
      "$ref": "#/components/responses/UnsupportedMediaType"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    }
   }
  },
  "/v1/applications/imports": {
   "post": {
    "tags": [
     "applications"
    ],
    "operationId": "importEOtinish",
    "summary": "Import an eOtinish export (CSV, JSON array or JSON Lines). Importing it again adds nothing.",
    "requestBody": {
     "required": true,
     "content": {
      "text/csv": {
       "schema": {
        "type": "string"
       }
      },
      "application/json": {
       "schema": {
        "type": "array",
        "items": {
         "type": "object"
        }
       }
      },
      "application/x-ndjson": {
       "schema": {
        "type": "string"
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "What the import did.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ImportReport"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "415": {
      "$ref": "#/components/responses/UnsupportedMediaType"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    }
   }
  },
  "/v1/applications/{id}": {
   "parameters": [
    {
     "$ref": "#/components/parameters/applicationID"
    }
   ],
   "get": {
    "tags": [
     "applications"
    ],
    "operationId": "getApplication",
    "summary": "One application with its history, attachments and possible duplicates.",
    "responses": {
     "200": {
      "description": "The application.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Application"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    }
   }
  },
  "/v1/applications/{id}/screen": {
   "$ref": "#/components/pathItems/screen"
  },
  "/v1/applications/{id}/request-info": {
   "$ref": "#/components/pathItems/request-info"
  },
  "/v1/applications/{id}/accept": {
   "$ref": "#/components/pathItems/accept"
  },
  "/v1/applications/{id}/reject": {
   "$ref": "#/components/pathItems/reject"
  },
  "/v1/applications/{id}/withdraw": {
   "$ref": "#/components/pathItems/withdraw"
  },
  "/v1/applications/{id}/assign": {
   "$ref": "#/components/pathItems/assign"
  },
  "/v1/applications/{id}/extend": {
   "$ref": "#/components/pathItems/extend"
  },
  "/v1/events": {
   "get": {
    "tags": [
     "directory"
    ],
    "operationId": "listEvents",
    "summary": "Events in scope, most recent first.",
    "parameters": [
     {
      "name": "region",
      "in": "query",
      "schema": {
       "type": "string"
      }
     },
     {
      "$ref": "#/components/parameters/limit"
     }
    ],
    "responses": {
     "200": {
      "description": "Events.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/EventList"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    }
   },
   "post": {
    "tags": [
     "directory"
    ],
    "operationId": "scheduleEvent",
    "summary": "Schedule an event; times are local to the region (coordinator, admin).",
    "parameters": [
     {
      "$ref": "#/components/parameters/idempotencyKey"
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/EventSchedule"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Scheduled.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Event"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "415": {
      "$ref": "#/components/responses/UnsupportedMediaType"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     }
    }
   }
  },
  "/v1/events/{id}": {
   "get": {
    "tags": [
     "directory"
    ],
    "operationId": "getEvent",
    "summary": "One event with its participants.",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "The event.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Event"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     }
    }
   },
   "patch": {
    "tags": [
     "directory"
    ],
    "operationId": "changeEvent",
    "summary": "Change title, topic, venue, link or capacity (null clears); calendars get a new SEQUENCE.",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
         "title": {
          "type": "string"
         },
         "topic": {
          "type": [
           "string",
           "null"
          ]
         },
         "venue": {
          "type": [
           "string",
           "null"
          ]
         },
         "link": {
          "type": [
           "string",
           "null"
          ]
         },
         "capacity": {
          "type": [
           "integer",
           "null"
          ],
          "minimum": 1
         }
        }
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "The event.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Event"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "415": {
      "$ref": "#/components/responses/UnsupportedMediaType"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    },
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ]
   }
  },
  "/v1/councils": {
   "get": {
    "tags": [
     "directory"
    ],
    "operationId": "listCouncils",
    "summary": "Councils and commissions in scope.",
    "parameters": [
     {
      "name": "region",
      "in": "query",
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "Councils.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/CouncilList"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    }
   }
  },
  "/v1/councils/{code}": {
   "get": {
    "tags": [
     "directory"
    ],
    "operationId": "getCouncil",
    "summary": "One council with its members.",
    "parameters": [
     {
      "name": "code",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "The council.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Council"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     }
    }
   }
  },
  "/v1/audit": {
   "get": {
    "tags": [
     "audit"
    ],
    "operationId": "listAuditEntries",
    "summary": "The audit log in scope, newest first (auditor, admin).",
    "parameters": [
     {
      "name": "entity",
      "in": "query",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "entity_id",
      "in": "query",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "action",
      "in": "query",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "before",
      "in": "query",
      "description": "next_after of the previous page.",
      "schema": {
       "type": "string",
       "pattern": "^[0-9]{1,18}$"
      }
     },
     {
      "$ref": "#/components/parameters/limit"
     }
    ],
    "responses": {
     "200": {
      "description": "A page.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/AuditPage"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    }
   }
  },
  "/v1/public/applications": {
   "post": {
    "tags": [
     "public"
    ],
    "operationId": "applyOnline",
    "security": [],
    "summary": "The public web form: apply to volunteer. No account; consent required; limited per client address.",
    "parameters": [
     {
      "$ref": "#/components/parameters/idempotencyKey"
     }
    ],
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/PublicApplicationForm"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "Received.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Receipt"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "415": {
      "$ref": "#/components/responses/UnsupportedMediaType"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     },
     "429": {
      "$ref": "#/components/responses/TooManyRequests"
     }
    }
   }
  },
  "/v1/reports/{name}": {
   "get": {
    "tags": [
     "reports"
    ],
    "operationId": "runReport",
    "summary": "A report in the caller's regional scope, for a region's subtree and a period of local dates: JSON, CSV (one section; Accept: text/csv) or a self-contained HTML page with charts (Accept: text/html). Admins and auditors.",
    "parameters": [
     {
      "name": "name",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "enum": [
        "applications",
        "action-plan"
       ]
      }
     },
     {
      "name": "region",
      "in": "query",
      "description": "A region code (its subtree); every region in scope when absent.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "from",
      "in": "query",
      "description": "First day, yyyy-MM-dd (default: the first of January).",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "to",
      "in": "query",
      "description": "Last day, yyyy-MM-dd (default: today in the region's zone).",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "lang",
      "in": "query",
      "description": "Labels in kk, ru or en.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "methodology",
      "in": "query",
      "description": "With councils: the rating methodology (default: standard).",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "section",
      "in": "query",
      "description": "With text/csv: the section to write (default: the first).",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "excel",
      "in": "query",
      "description": "With text/csv: a byte-order mark and ';' for spreadsheet programs.",
      "schema": {
       "type": "string",
       "enum": [
        "true",
        "false"
       ]
      }
     }
    ],
    "responses": {
     "200": {
      "description": "The report.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Report"
        }
       },
       "text/csv": {
        "schema": {
         "type": "string"
        }
       },
       "text/html": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    }
   }
  },
  "/v1/events/{id}/reminder-hours": {
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     }
    }
   ],
   "put": {
    "tags": [
     "directory"
    ],
    "operationId": "setEventReminderHours",
    "summary": "Set the hours before the start at which participants are reminded, or null for the event kind's; reminders queued for other hours are withdrawn.",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/ReminderHours"
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "The event.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Event"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "415": {
      "$ref": "#/components/responses/UnsupportedMediaType"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    }
   }
  },
  "/v1/events/{id}/postpone": {
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     }
    }
   ],
   "post": {
    "tags": [
     "directory"
    ],
    "operationId": "postponeEvent",
    "summary": "Move to new local times, or postpone until further notice; the old times stay in the history.",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/Postponement"
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "The event.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Event"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "415": {
      "$ref": "#/components/responses/UnsupportedMediaType"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    }
   }
  },
  "/v1/events/{id}/cancel": {
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     }
    }
   ],
   "post": {
    "tags": [
     "directory"
    ],
    "operationId": "cancelEvent",
    "summary": "Cancel; the record stays and calendars get a cancellation.",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/Cancellation"
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "The event.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Event"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "415": {
      "$ref": "#/components/responses/UnsupportedMediaType"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    }
   }
  },
  "/v1/events/{id}/participants": {
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     }
    }
   ],
   "post": {
    "tags": [
     "directory"
    ],
    "operationId": "inviteParticipant",
    "summary": "Invite a known person (person) or a new one (name, position) with a role.",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/Invitation"
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "The event.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Event"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "415": {
      "$ref": "#/components/responses/UnsupportedMediaType"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    }
   }
  },
  "/v1/events/{id}/hold": {
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     }
    }
   ],
   "post": {
    "tags": [
     "directory"
    ],
    "operationId": "holdEvent",
    "summary": "Record the event as held with who was present; a council's meeting needs its quorum unless without_quorum is given with a reason.",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/Holding"
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "Who was present against the quorum.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/HoldingReport"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "415": {
      "$ref": "#/components/responses/UnsupportedMediaType"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    }
   }
  },
  "/v1/events/{id}.ics": {
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     }
    }
   ],
   "get": {
    "tags": [
     "directory"
    ],
    "operationId": "eventCalendar",
    "summary": "The event as an RFC 5545 calendar (METHOD:REQUEST, or CANCEL once cancelled).",
    "responses": {
     "200": {
      "description": "The calendar.",
      "content": {
       "text/calendar": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    }
   }
  },
  "/v1/events/{id}/certificates": {
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     }
    }
   ],
   "post": {
    "tags": [
     "directory"
    ],
    "operationId": "issueCertificates",
    "summary": "Issue certificates to attended participants who have none; numbered per office and year without gaps.",
    "responses": {
     "200": {
      "description": "The certificates issued now.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/IssuedCertificates"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    }
   }
  },
  "/v1/councils/{code}/members": {
   "parameters": [
    {
     "name": "code",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     }
    }
   ],
   "post": {
    "tags": [
     "directory"
    ],
    "operationId": "addCouncilMember",
    "summary": "Add a member: a known person, or a new one by name.",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/CouncilMemberForm"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "The council.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Council"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "415": {
      "$ref": "#/components/responses/UnsupportedMediaType"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     },
     "409": {
      "$ref": "#/components/responses/Conflict"
     }
    }
   }
  },
  "/v1/public/certificates/{number}": {
   "get": {
    "tags": [
     "public"
    ],
    "operationId": "checkCertificate",
    "security": [],
    "summary": "Whose a certificate is, for which event and date, and nothing else. Limited per client address.",
    "parameters": [
     {
      "name": "number",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "The certificate.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/CertificateRecord"
        }
       }
      }
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "429": {
      "$ref": "#/components/responses/TooManyRequests"
     }
    }
   }
  },
  "/v1/events/{id}/agenda": {
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     }
    }
   ],
   "get": {
    "tags": [
     "directory"
    ],
    "operationId": "getAgenda",
    "summary": "A meeting's agenda, in order.",
    "responses": {
     "200": {
      "description": "The agenda.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/AgendaList"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     }
    }
   },
   "post": {
    "tags": [
     "directory"
    ],
    "operationId": "addAgendaItem",
    "summary": "Add an item to the end of the agenda.",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/AgendaItemForm"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "The item.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/AgendaItem"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "415": {
      "$ref": "#/components/responses/UnsupportedMediaType"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    }
   }
  },
  "/v1/events/{id}/decisions": {
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     }
    }
   ],
   "get": {
    "tags": [
     "directory"
    ],
    "operationId": "getDecisions",
    "summary": "A meeting's decisions.",
    "responses": {
     "200": {
      "description": "Decisions.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/DecisionList"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     }
    }
   },
   "post": {
    "tags": [
     "directory"
    ],
    "operationId": "decide",
    "summary": "Record a decision, on an agenda item (by its number) or on the meeting.",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/DecisionForm"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "The decision.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Decision"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "415": {
      "$ref": "#/components/responses/UnsupportedMediaType"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    }
   }
  },
  "/v1/decisions/{id}/tasks": {
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     }
    }
   ],
   "post": {
    "tags": [
     "directory"
    ],
    "operationId": "addTask",
    "summary": "A task from the decision for a person (id) or an organisation (name).",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/TaskForm"
       }
      }
     }
    },
    "responses": {
     "201": {
      "description": "The task.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Task"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "415": {
      "$ref": "#/components/responses/UnsupportedMediaType"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    }
   }
  },
  "/v1/tasks": {
   "get": {
    "tags": [
     "directory"
    ],
    "operationId": "listTasks",
    "summary": "Tasks by due date; open ones past due are overdue.",
    "parameters": [
     {
      "name": "overdue",
      "in": "query",
      "schema": {
       "type": "string",
       "enum": [
        "true",
        "false"
       ]
      }
     },
     {
      "name": "council",
      "in": "query",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "assignee",
      "in": "query",
      "description": "Part of the assignee's name.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "status",
      "in": "query",
      "schema": {
       "type": "string",
       "enum": [
        "open",
        "done",
        "cancelled"
       ]
      }
     },
     {
      "name": "limit",
      "in": "query",
      "schema": {
       "type": "integer",
       "minimum": 1,
       "maximum": 500
      }
     }
    ],
    "responses": {
     "200": {
      "description": "Tasks.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/TaskList"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    }
   }
  },
  "/v1/tasks/{id}": {
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     }
    }
   ],
   "get": {
    "tags": [
     "directory"
    ],
    "operationId": "getTask",
    "summary": "One task with its progress reports.",
    "responses": {
     "200": {
      "description": "The task.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Task"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     }
    }
   }
  },
  "/v1/tasks/{id}/reports": {
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     }
    }
   ],
   "post": {
    "tags": [
     "directory"
    ],
    "operationId": "reportOnTask",
    "summary": "A progress report on an open task.",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/TaskReportForm"
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "The task.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Task"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "415": {
      "$ref": "#/components/responses/UnsupportedMediaType"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    }
   }
  },
  "/v1/tasks/{id}/done": {
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     }
    }
   ],
   "post": {
    "tags": [
     "directory"
    ],
    "operationId": "completeTask",
    "summary": "Close an open task as done.",
    "responses": {
     "200": {
      "description": "The task.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Task"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    }
   }
  },
  "/v1/tasks/{id}/cancel": {
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     }
    }
   ],
   "post": {
    "tags": [
     "directory"
    ],
    "operationId": "cancelTask",
    "summary": "Close an open task as cancelled.",
    "responses": {
     "200": {
      "description": "The task.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Task"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    }
   }
  },
  "/v1/certificates/{number}.html": {
   "get": {
    "tags": [
     "directory"
    ],
    "operationId": "printCertificate",
    "summary": "The certificate as a printable page in its holder's language (or lang).",
    "parameters": [
     {
      "name": "number",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "lang",
      "in": "query",
      "schema": {
       "type": "string",
       "enum": [
        "kk",
        "ru",
        "uz",
        "az",
        "en"
       ]
      }
     }
    ],
    "responses": {
     "200": {
      "description": "A printable page.",
      "content": {
       "text/html": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    }
   }
  },
  "/v1/events/{id}/attendance-sheet.html": {
   "get": {
    "tags": [
     "directory"
    ],
    "operationId": "attendanceSheet",
    "summary": "A sheet to sign: name, organisation, role and a signature column.",
    "parameters": [
     {
      "name": "id",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "description": "A printable page.",
      "content": {
       "text/html": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     }
    }
   }
  },
  "/v1/events/{id}/volunteers": {
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     }
    }
   ],
   "post": {
    "tags": [
     "directory"
    ],
    "operationId": "assignVolunteer",
    "summary": "Assign a volunteer with a role; warnings name their other events at overlapping times.",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "additionalProperties": false,
        "required": [
         "volunteer",
         "role"
        ],
        "properties": {
         "volunteer": {
          "type": "string",
          "format": "uuid"
         },
         "role": {
          "type": "string"
         }
        }
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "The event and any warnings.",
      "content": {
       "application/json": {
        "schema": {
         "type": "object",
         "required": [
          "event",
          "warnings"
         ],
         "properties": {
          "event": {
           "$ref": "#/components/schemas/Event"
          },
          "warnings": {
           "type": "array",
           "items": {
            "type": "string"
           }
          }
         }
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "415": {
      "$ref": "#/components/responses/UnsupportedMediaType"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    }
   }
  },
  "/v1/events/{id}/responses": {
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     }
    }
   ],
   "post": {
    "tags": [
     "directory"
    ],
    "operationId": "recordResponse",
    "summary": "An invited person's answer: registered or declined.",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "additionalProperties": false,
        "required": [
         "person",
         "response"
        ],
        "properties": {
         "person": {
          "type": "string",
          "format": "uuid"
         },
         "response": {
          "type": "string",
          "enum": [
           "registered",
           "declined"
          ]
         }
        }
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "The event.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Event"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "415": {
      "$ref": "#/components/responses/UnsupportedMediaType"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    }
   }
  },
  "/v1/events/{id}/attendance": {
   "parameters": [
    {
     "name": "id",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     }
    }
   ],
   "post": {
    "tags": [
     "directory"
    ],
    "operationId": "recordAttendance",
    "summary": "Attendance by participant (id or name), or a signed sheet as CSV (name or person, attended); every row must match or nothing is recorded.",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
         "attended": {
          "type": "array",
          "items": {
           "type": "string"
          }
         },
         "absent": {
          "type": "array",
          "items": {
           "type": "string"
          }
         }
        }
       }
      },
      "text/csv": {
       "schema": {
        "type": "string"
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "The event.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Event"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "415": {
      "$ref": "#/components/responses/UnsupportedMediaType"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    }
   }
  },
  "/v1/councils/{code}/quorum": {
   "parameters": [
    {
     "name": "code",
     "in": "path",
     "required": true,
     "schema": {
      "type": "string"
     }
    }
   ],
   "post": {
    "tags": [
     "directory"
    ],
    "operationId": "setQuorum",
    "summary": "The share of members in office the quorum needs (null: more than half).",
    "requestBody": {
     "required": true,
     "content": {
      "application/json": {
       "schema": {
        "type": "object",
        "additionalProperties": false,
        "required": [
         "fraction"
        ],
        "properties": {
         "fraction": {
          "type": [
           "number",
           "null"
          ],
          "exclusiveMinimum": 0,
          "maximum": 1
         }
        }
       }
      }
     }
    },
    "responses": {
     "200": {
      "description": "The council.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Council"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/BadRequest"
     },
     "401": {
      "$ref": "#/components/responses/Unauthorized"
     },
     "403": {
      "$ref": "#/components/responses/Forbidden"
     },
     "404": {
      "$ref": "#/components/responses/NotFound"
     },
     "413": {
      "$ref": "#/components/responses/TooLarge"
     },
     "415": {
      "$ref": "#/components/responses/UnsupportedMediaType"
     },
     "422": {
      "$ref": "#/components/responses/Unprocessable"
     }
    }
   }
  }
 },
 "components": {
  "securitySchemes": {
   "bearer": {
    "type": "http",
    "scheme": "bearer",
    "description": "A session token from POST /v1/sessions, or an API token from `adal users token`."
   }
  },
  "parameters": {
   "limit": {
    "name": "limit",
    "in": "query",
    "schema": {
     "type": "integer",
     "minimum": 1,
     "maximum": 200,
     "default": 50
    }
   },
   "idempotencyKey": {
    "name": "Idempotency-Key",
    "in": "header",
    "description": "A retry with the same key and body gets the first response.",
    "schema": {
     "type": "string",
     "minLength": 1,
     "maxLength": 255
    }
   },
   "applicationID": {
    "name": "id",
    "in": "path",
    "required": true,
    "schema": {
     "type": "string"
    }
   }
  },
  "headers": {
   "Location": {
    "schema": {
     "type": "string"
    }
   },
   "ETag": {
    "schema": {
     "type": "string"
    }
   }
  },
  "responses": {
   "BadRequest": {
    "description": "The body is not JSON; the detail says where.",
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "Unauthorized": {
    "description": "No live bearer token.",
    "headers": {
     "WWW-Authenticate": {
      "schema": {
       "type": "string"
      }
     }
    },
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "Forbidden": {
    "description": "The role does not allow this.",
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "NotFound": {
    "description": "No such record in the caller's regions.",
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "Conflict": {
    "description": "Clashes with a stored record, or the first request with this Idempotency-Key is still running.",
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "PreconditionFailed": {
    "description": "The record changed since it was read.",
    "headers": {
     "ETag": {
      "$ref": "#/components/headers/ETag"
     }
    },
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "PreconditionRequired": {
    "description": "If-Match is missing.",
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "TooLarge": {
    "description": "The body is over the limit (1 MB; uploads ADAL_UPLOAD_LIMIT).",
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "UnsupportedMediaType": {
    "description": "The body has another content type.",
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "Unprocessable": {
    "description": "Fields or parameters are invalid or unknown; each is listed with its reason.",
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "TooManyRequests": {
    "description": "Too many attempts; Retry-After says when to try again.",
    "headers": {
     "Retry-After": {
      "schema": {
       "type": "string"
      }
     }
    },
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "ServiceUnavailable": {
    "description": "The database is unreachable or migrations are pending.",
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   }
  },
  "schemas": {
   "Problem": {
    "type": "object",
    "required": [
     "type",
     "title",
     "status"
    ],
    "properties": {
     "type": {
      "type": "string"
     },
     "title": {
      "type": "string"
     },
     "status": {
      "type": "integer"
     },
     "detail": {
      "type": "string"
     },
     "errors": {
      "type": "array",
      "items": {
       "type": "object",
       "required": [
        "field",
        "reason"
       ],
       "properties": {
        "field": {
         "type": "string"
        },
        "reason": {
         "type": "string"
        }
       }
      }
     }
    }
   },
   "Login": {
    "type": "object",
    "required": [
     "email",
     "password"
    ],
    "additionalProperties": false,
    "properties": {
     "email": {
      "type": "string"
     },
     "password": {
      "type": "string"
     }
    }
   },
   "Session": {
    "type": "object",
    "required": [
     "token",
     "expires_at"
    ],
    "properties": {
     "token": {
      "type": "string"
     },
     "expires_at": {
      "type": "string",
      "format": "date-time"
     }
    }
   },
   "StaffUser": {
    "type": "object",
    "required": [
     "id",
     "email",
     "name",
     "role",
     "all_regions",
     "disabled"
    ],
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "email": {
      "type": "string"
     },
     "name": {
      "type": "string"
     },
     "role": {
      "type": "string",
      "enum": [
       "registrar",
       "coordinator",
       "admin",
       "auditor"
      ]
     },
     "region_code": {
      "type": "string"
     },
     "office_code": {
      "type": "string"
     },
     "all_regions": {
      "type": "boolean"
     },
     "disabled": {
      "type": "boolean"
     }
    }
   },
   "Me": {
    "type": "object",
    "required": [
     "user",
     "permissions"
    ],
    "properties": {
     "user": {
      "$ref": "#/components/schemas/StaffUser"
     },
     "regions": {
      "type": "array",
      "items": {
       "type": "string"
      },
      "description": "Absent for users of all regions."
     },
     "permissions": {
      "type": "array",
      "items": {
       "type": "string"
      }
     }
    }
   },
   "Names": {
    "type": "object",
    "additionalProperties": {
     "type": "string"
    }
   },
   "Region": {
    "type": "object",
    "required": [
     "id",
     "code",
     "level",
     "country",
     "time_zone",
     "names",
     "aliases"
    ],
    "properties": {
     "id": {
      "type": "integer"
     },
     "code": {
      "type": "string"
     },
     "parent_code": {
      "type": "string"
     },
     "level": {
      "type": "string",
      "enum": [
       "country",
       "region",
       "district",
       "rural_district"
      ]
     },
     "country": {
      "type": "string",
      "enum": [
       "KZ",
       "UZ",
       "AZ"
      ]
     },
     "time_zone": {
      "type": "string"
     },
     "names": {
      "$ref": "#/components/schemas/Names"
     },
     "aliases": {
      "type": "array",
      "items": {
       "type": "string"
      }
     }
    }
   },
   "RegionList": {
    "type": "object",
    "required": [
     "items"
    ],
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Region"
      }
     }
    }
   },
   "VolunteerStatus": {
    "type": "string",
    "enum": [
     "active",
     "paused",
     "withdrawn",
     "suspended"
    ]
   },
   "VolunteerKind": {
    "type": "string",
    "enum": [
     "individual",
     "student",
     "corporate",
     "pro_bono",
     "ngo"
    ]
   },
   "VolunteerArea": {
    "type": "string",
    "enum": [
     "budget_control",
     "anti_corruption_education",
     "legal_aid",
     "public_monitoring",
     "awareness"
    ]
   },
   "Language": {
    "type": "string",
    "enum": [
     "kk",
     "ru",
     "uz",
     "az",
     "en"
    ]
   },
   "NationalIDKind": {
    "type": "string",
    "enum": [
     "kz_iin",
     "uz_pinfl",
     "az_fin"
    ]
   },
   "Volunteer": {
    "type": "object",
    "required": [
     "id",
     "full_name",
     "language",
     "region",
     "kind",
     "areas",
     "status",
     "joined_on",
     "hours",
     "created_at"
    ],
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "full_name": {
      "type": "string"
     },
     "national_id_kind": {
      "$ref": "#/components/schemas/NationalIDKind"
     },
     "national_id": {
      "type": "string",
      "description": "All but the last four characters masked in lists and for coordinators."
     },
     "birth_date": {
      "type": "string",
      "format": "date"
     },
     "phone": {
      "type": "string"
     },
     "email": {
      "type": "string"
     },
     "language": {
      "$ref": "#/components/schemas/Language"
     },
     "region": {
      "type": "string"
     },
     "office": {
      "type": "string"
     },
     "kind": {
      "$ref": "#/components/schemas/VolunteerKind"
     },
     "areas": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/VolunteerArea"
      }
     },
     "organisation": {
      "type": "string"
     },
     "status": {
      "$ref": "#/components/schemas/VolunteerStatus"
     },
     "joined_on": {
      "type": "string",
      "format": "date"
     },
     "hours": {
      "type": "string"
     },
     "created_at": {
      "type": "string",
      "format": "date-time"
     }
    }
   },
   "VolunteerPage": {
    "type": "object",
    "required": [
     "items"
    ],
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Volunteer"
      }
     },
     "next_after": {
      "type": "string"
     }
    }
   },
   "VolunteerRegistration": {
    "type": "object",
    "additionalProperties": false,
    "required": [
     "last_name",
     "first_name",
     "national_id",
     "region",
     "kind",
     "areas",
     "consent_version"
    ],
    "properties": {
     "last_name": {
      "type": "string"
     },
     "first_name": {
      "type": "string"
     },
     "middle_name": {
      "type": "string"
     },
     "national_id": {
      "type": "string",
      "description": "IIN (KZ), PINFL (UZ) or FIN (AZ), with its check digit."
     },
     "country": {
      "type": "string",
      "description": "Defaults to the region code's first two letters."
     },
     "region": {
      "type": "string"
     },
     "office": {
      "type": "string"
     },
     "birth_date": {
      "type": "string",
      "format": "date"
     },
     "phone": {
      "type": "string"
     },
     "email": {
      "type": "string"
     },
     "kind": {
      "$ref": "#/components/schemas/VolunteerKind"
     },
     "areas": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/VolunteerArea"
      },
      "minItems": 1
     },
     "organisation": {
      "type": "string"
     },
     "language": {
      "$ref": "#/components/schemas/Language",
      "description": "The language messages to this person are written in; when left out, the state language of the national ID's country (kk, uz or az)."
     },
     "consent_version": {
      "type": "string",
      "description": "The version of the consent text the person agreed to."
     },
     "joined_on": {
      "type": "string",
      "format": "date"
     }
    }
   },
   "VolunteerChange": {
    "type": "object",
    "additionalProperties": false,
    "properties": {
     "status": {
      "$ref": "#/components/schemas/VolunteerStatus"
     },
     "areas": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/VolunteerArea"
      },
      "minItems": 1
     },
     "office": {
      "type": [
       "string",
       "null"
      ]
     },
     "phone": {
      "type": [
       "string",
       "null"
      ]
     },
     "email": {
      "type": [
       "string",
       "null"
      ]
     },
     "language": {
      "$ref": "#/components/schemas/Language"
     }
    }
   },
   "ApplicationStatus": {
    "type": "string",
    "enum": [
     "received",
     "screening",
     "needs_info",
     "accepted",
     "rejected",
     "withdrawn"
    ]
   },
   "ApplicationChannel": {
    "type": "string",
    "enum": [
     "eotinish",
     "email",
     "office",
     "web"
    ]
   },
   "ApplicationSummary": {
    "type": "object",
    "required": [
     "id",
     "channel",
     "external_ref",
     "region",
     "received_at",
     "full_name",
     "status",
     "due_on",
     "problems"
    ],
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "channel": {
      "$ref": "#/components/schemas/ApplicationChannel"
     },
     "external_ref": {
      "type": "string"
     },
     "region": {
      "type": "string"
     },
     "office": {
      "type": "string"
     },
     "received_at": {
      "type": "string",
      "format": "date-time"
     },
     "full_name": {
      "type": "string"
     },
     "national_id": {
      "type": "string",
      "description": "Masked."
     },
     "status": {
      "$ref": "#/components/schemas/ApplicationStatus"
     },
     "reviewer": {
      "type": "string"
     },
     "due_on": {
      "type": "string",
      "format": "date"
     },
     "extension_days": {
      "type": "integer"
     },
     "problems": {
      "type": "integer",
      "description": "How many fields failed their check."
     }
    }
   },
   "ApplicationPage": {
    "type": "object",
    "required": [
     "items"
    ],
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/ApplicationSummary"
      }
     },
     "next_after": {
      "type": "string"
     }
    }
   },
   "Application": {
    "type": "object",
    "required": [
     "id",
     "channel",
     "external_ref",
     "region_code",
     "received_at",
     "full_name",
     "national_id_valid",
     "areas",
     "problems",
     "status",
     "due_on",
     "history",
     "attachments",
     "duplicates"
    ],
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "channel": {
      "$ref": "#/components/schemas/ApplicationChannel"
     },
     "external_ref": {
      "type": "string"
     },
     "region_code": {
      "type": "string"
     },
     "office_code": {
      "type": "string"
     },
     "appeal_type": {
      "type": "string",
      "enum": [
       "proposal",
       "application",
       "complaint",
       "request",
       "response"
      ]
     },
     "received_at": {
      "type": "string",
      "format": "date-time"
     },
     "full_name": {
      "type": "string"
     },
     "national_id_kind": {
      "$ref": "#/components/schemas/NationalIDKind"
     },
     "national_id": {
      "type": "string"
     },
     "national_id_valid": {
      "type": "boolean"
     },
     "birth_date": {
      "type": "string",
      "format": "date"
     },
     "phone": {
      "type": "string"
     },
     "email": {
      "type": "string"
     },
     "address": {
      "type": "string"
     },
     "organisation": {
      "type": "string"
     },
     "areas": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/VolunteerArea"
      }
     },
     "subject": {
      "type": "string"
     },
     "motivation": {
      "type": "string"
     },
     "problems": {
      "type": "array",
      "items": {
       "type": "object",
       "required": [
        "field",
        "reason"
       ],
       "properties": {
        "field": {
         "type": "string"
        },
        "reason": {
         "type": "string"
        }
       }
      }
     },
     "status": {
      "$ref": "#/components/schemas/ApplicationStatus"
     },
     "reviewer": {
      "type": "string"
     },
     "due_on": {
      "type": "string",
      "format": "date"
     },
     "extension_days": {
      "type": "integer"
     },
     "decision_reason": {
      "type": "string"
     },
     "volunteer_id": {
      "type": "string",
      "format": "uuid"
     },
     "history": {
      "type": "array",
      "items": {
       "type": "object",
       "required": [
        "at",
        "actor",
        "kind"
       ],
       "properties": {
        "at": {
         "type": "string",
         "format": "date-time"
        },
        "actor": {
         "type": "string"
        },
        "kind": {
         "type": "string"
        },
        "from_status": {
         "type": "string"
        },
        "to_status": {
         "type": "string"
        },
        "note": {
         "type": "string"
        }
       }
      }
     },
     "attachments": {
      "type": "array",
      "items": {
       "type": "object",
       "required": [
        "file_name",
        "content_type",
        "size",
        "sha256"
       ],
       "properties": {
        "file_name": {
         "type": "string"
        },
        "content_type": {
         "type": "string"
        },
        "size": {
         "type": "integer"
        },
        "sha256": {
         "type": "string"
        }
       }
      }
     },
     "duplicates": {
      "type": "array",
      "items": {
       "type": "object",
       "required": [
        "kind",
        "id",
        "name",
        "matched_by"
       ],
       "properties": {
        "kind": {
         "type": "string"
        },
        "id": {
         "type": "string"
        },
        "name": {
         "type": "string"
        },
        "matched_by": {
         "type": "string"
        }
       }
      }
     }
    }
   },
   "ApplicationForm": {
    "type": "object",
    "additionalProperties": false,
    "required": [
     "last_name",
     "first_name",
     "region"
    ],
    "properties": {
     "last_name": {
      "type": "string"
     },
     "first_name": {
      "type": "string"
     },
     "middle_name": {
      "type": "string"
     },
     "national_id": {
      "type": "string"
     },
     "birth_date": {
      "type": "string",
      "format": "date"
     },
     "phone": {
      "type": "string"
     },
     "email": {
      "type": "string"
     },
     "address": {
      "type": "string"
     },
     "organisation": {
      "type": "string"
     },
     "areas": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/VolunteerArea"
      }
     },
     "motivation": {
      "type": "string"
     },
     "region": {
      "type": "string"
     },
     "office": {
      "type": "string"
     }
    }
   },
   "PublicApplicationForm": {
    "type": "object",
    "additionalProperties": false,
    "required": [
     "last_name",
     "first_name",
     "region",
     "consent"
    ],
    "properties": {
     "last_name": {
      "type": "string"
     },
     "first_name": {
      "type": "string"
     },
     "middle_name": {
      "type": "string"
     },
     "national_id": {
      "type": "string"
     },
     "birth_date": {
      "type": "string",
      "format": "date"
     },
     "phone": {
      "type": "string"
     },
     "email": {
      "type": "string"
     },
     "address": {
      "type": "string"
     },
     "organisation": {
      "type": "string"
     },
     "areas": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/VolunteerArea"
      }
     },
     "motivation": {
      "type": "string"
     },
     "region": {
      "type": "string"
     },
     "office": {
      "type": "string"
     },
     "consent": {
      "type": "boolean",
      "description": "The applicant consents to the processing of their personal data."
     }
    }
   },
   "Receipt": {
    "type": "object",
    "required": [
     "reference",
     "received_at",
     "due_on"
    ],
    "additionalProperties": false,
    "properties": {
     "reference": {
      "type": "string"
     },
     "received_at": {
      "type": "string",
      "format": "date-time"
     },
     "due_on": {
      "type": "string",
      "format": "date"
     }
    }
   },
   "TransitionNote": {
    "type": "object",
    "additionalProperties": false,
    "properties": {
     "note": {
      "type": "string"
     }
    }
   },
   "Acceptance": {
    "type": "object",
    "additionalProperties": false,
    "properties": {
     "note": {
      "type": "string"
     },
     "kind": {
      "$ref": "#/components/schemas/VolunteerKind"
     },
     "areas": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/VolunteerArea"
      }
     }
    }
   },
   "Assignment": {
    "type": "object",
    "additionalProperties": false,
    "required": [
     "reviewer"
    ],
    "properties": {
     "reviewer": {
      "type": "string"
     }
    }
   },
   "Extension": {
    "type": "object",
    "additionalProperties": false,
    "required": [
     "days",
     "reason"
    ],
    "properties": {
     "days": {
      "type": "integer",
      "minimum": 1,
      "maximum": 15
     },
     "reason": {
      "type": "string"
     }
    }
   },
   "ImportReport": {
    "type": "object",
    "required": [
     "run_id",
     "source",
     "records",
     "new",
     "already_present",
     "follow_ups",
     "rejected",
     "with_problems",
     "rejections"
    ],
    "properties": {
     "run_id": {
      "type": "integer"
     },
     "source": {
      "type": "string"
     },
     "records": {
      "type": "integer"
     },
     "new": {
      "type": "integer"
     },
     "already_present": {
      "type": "integer"
     },
     "follow_ups": {
      "type": "integer"
     },
     "rejected": {
      "type": "integer"
     },
     "with_problems": {
      "type": "integer"
     },
     "rejections": {
      "type": "array",
      "items": {
       "type": "object",
       "required": [
        "record",
        "reason"
       ],
       "properties": {
        "record": {
         "type": "integer"
        },
        "reason": {
         "type": "string"
        }
       }
      }
     }
    }
   },
   "Event": {
    "type": "object",
    "required": [
     "id",
     "kind",
     "format",
     "title",
     "time_zone",
     "region_code",
     "status",
     "plan_items",
     "partners",
     "participants"
    ],
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "kind": {
      "type": "string",
      "enum": [
       "public_hearing",
       "council_meeting",
       "commission_meeting",
       "seminar",
       "round_table",
       "videoconference",
       "awareness_meeting",
       "training"
      ]
     },
     "format": {
      "type": "string",
      "enum": [
       "in_person",
       "online",
       "hybrid"
      ]
     },
     "title": {
      "type": "string"
     },
     "topic": {
      "type": "string"
     },
     "venue": {
      "type": "string"
     },
     "link": {
      "type": "string"
     },
     "starts_at": {
      "type": "string",
      "format": "date-time"
     },
     "ends_at": {
      "type": "string",
      "format": "date-time"
     },
     "held_on": {
      "type": "string",
      "format": "date"
     },
     "time_zone": {
      "type": "string"
     },
     "region_code": {
      "type": "string"
     },
     "office_code": {
      "type": "string"
     },
     "council_code": {
      "type": "string"
     },
     "status": {
      "type": "string",
      "enum": [
       "planned",
       "held",
       "cancelled",
       "postponed"
      ]
     },
     "plan_items": {
      "type": "array",
      "items": {
       "type": "string"
      }
     },
     "partners": {
      "type": "array",
      "items": {
       "type": "string"
      }
     },
     "participants": {
      "type": "array",
      "items": {
       "type": "object",
       "required": [
        "full_name",
        "role"
       ],
       "properties": {
        "full_name": {
         "type": "string"
        },
        "position": {
         "type": "string"
        },
        "organisation": {
         "type": "string"
        },
        "role": {
         "type": "string",
         "enum": [
          "moderator",
          "speaker",
          "participant",
          "media",
          "observer",
          "organiser"
         ]
        },
        "attendance": {
         "type": "string",
         "enum": [
          "attended",
          "absent"
         ]
        }
       }
      }
     },
     "starts_local": {
      "type": "string",
      "description": "The start in the region's zone, yyyy-MM-dd HH:mm."
     },
     "ends_local": {
      "type": "string"
     },
     "minutes": {
      "type": "string"
     },
     "capacity": {
      "type": "integer"
     }
    }
   },
   "EventList": {
    "type": "object",
    "required": [
     "items"
    ],
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Event"
      }
     }
    }
   },
   "Council": {
    "type": "object",
    "required": [
     "id",
     "code",
     "kind",
     "names",
     "region_code",
     "members"
    ],
    "properties": {
     "id": {
      "type": "integer"
     },
     "code": {
      "type": "string"
     },
     "kind": {
      "type": "string",
      "enum": [
       "anti_corruption_council",
       "commission",
       "public_council"
      ]
     },
     "names": {
      "$ref": "#/components/schemas/Names"
     },
     "region_code": {
      "type": "string"
     },
     "office_code": {
      "type": "string"
     },
     "established_on": {
      "type": "string",
      "format": "date"
     },
     "members": {
      "type": "array",
      "items": {
       "type": "object",
       "required": [
        "full_name",
        "role"
       ],
       "properties": {
        "full_name": {
         "type": "string"
        },
        "position": {
         "type": "string"
        },
        "role": {
         "type": "string",
         "enum": [
          "chair",
          "deputy_chair",
          "secretary",
          "member"
         ]
        },
        "term_from": {
         "type": "string",
         "format": "date"
        },
        "term_to": {
         "type": "string",
         "format": "date"
        },
        "person_id": {
         "type": "string",
         "format": "uuid"
        }
       }
      }
     }
    }
   },
   "CouncilList": {
    "type": "object",
    "required": [
     "items"
    ],
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Council"
      }
     }
    }
   },
   "AuditEntry": {
    "type": "object",
    "required": [
     "id",
     "occurred_at",
     "actor",
     "action",
     "entity",
     "entity_id"
    ],
    "properties": {
     "id": {
      "type": "integer"
     },
     "occurred_at": {
      "type": "string",
      "format": "date-time"
     },
     "actor": {
      "type": "string"
     },
     "action": {
      "type": "string"
     },
     "entity": {
      "type": "string"
     },
     "entity_id": {
      "type": "string"
     },
     "before": {
      "description": "The record before the change, as JSON."
     },
     "after": {
      "description": "The record after the change, as JSON."
     }
    }
   },
   "AuditPage": {
    "type": "object",
    "required": [
     "items"
    ],
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/AuditEntry"
      }
     },
     "next_after": {
      "type": "string"
     }
    }
   },
   "EventSchedule": {
    "type": "object",
    "additionalProperties": false,
    "required": [
     "kind",
     "title",
     "region",
     "starts"
    ],
    "properties": {
     "kind": {
      "type": "string",
      "enum": [
       "public_hearing",
       "council_meeting",
       "commission_meeting",
       "seminar",
       "round_table",
       "videoconference",
       "awareness_meeting",
       "training"
      ]
     },
     "format": {
      "type": "string",
      "enum": [
       "in_person",
       "online",
       "hybrid"
      ]
     },
     "title": {
      "type": "string"
     },
     "topic": {
      "type": "string"
     },
     "venue": {
      "type": "string",
      "description": "Required in person and hybrid."
     },
     "link": {
      "type": "string",
      "description": "Required online and hybrid."
     },
     "region": {
      "type": "string"
     },
     "office": {
      "type": "string"
     },
     "council": {
      "type": "string",
      "description": "Required for council and commission meetings."
     },
     "starts": {
      "type": "string",
      "description": "Local time in the region's zone, yyyy-MM-ddTHH:mm."
     },
     "ends": {
      "type": "string",
      "description": "Local time, yyyy-MM-ddTHH:mm."
     },
     "capacity": {
      "type": "integer",
      "minimum": 1
     },
     "plan_items": {
      "type": "array",
      "items": {
       "type": "string"
      },
      "description": "Action-plan items, PLAN-CODE number, e.g. AZ-NAP-2022-2026 6.2."
     },
     "partners": {
      "type": "array",
      "items": {
       "type": "string"
      },
      "description": "Partner organisations by name."
     }
    }
   },
   "Report": {
    "type": "object",
    "required": [
     "name",
     "title",
     "from",
     "to",
     "language",
     "generated_at",
     "sections"
    ],
    "properties": {
     "name": {
      "type": "string"
     },
     "title": {
      "type": "string"
     },
     "region": {
      "type": "string"
     },
     "from": {
      "type": "string"
     },
     "to": {
      "type": "string"
     },
     "language": {
      "type": "string"
     },
     "generated_at": {
      "type": "string"
     },
     "sections": {
      "type": "array",
      "items": {
       "type": "object",
       "required": [
        "key",
        "title",
        "columns",
        "rows"
       ],
       "properties": {
        "key": {
         "type": "string"
        },
        "title": {
         "type": "string"
        },
        "columns": {
         "type": "array",
         "items": {
          "type": "object",
          "required": [
           "key",
           "title"
          ],
          "properties": {
           "key": {
            "type": "string"
           },
           "title": {
            "type": "string"
           }
          }
         }
        },
        "rows": {
         "type": "array",
         "items": {
          "type": "array",
          "items": {
           "type": [
            "string",
            "number",
            "null"
           ]
          }
         }
        },
        "chart": {
         "type": "object",
         "description": "bar: a bar per row, labelled by column label, as long as the first of values; line: a line per column of values, a point per row.",
         "required": [
          "kind",
          "label",
          "values"
         ],
         "properties": {
          "kind": {
           "type": "string",
           "enum": [
            "bar",
            "line"
           ]
          },
          "label": {
           "type": "integer"
          },
          "values": {
           "type": "array",
           "items": {
            "type": "integer"
           }
          }
         }
        }
       }
      }
     }
    }
   },
   "ReminderHours": {
    "type": "object",
    "additionalProperties": false,
    "required": [
     "hours"
    ],
    "properties": {
     "hours": {
      "type": [
       "array",
       "null"
      ],
      "items": {
       "type": "integer",
       "minimum": 1,
       "maximum": 720
      },
      "minItems": 1,
      "maxItems": 5
     }
    }
   },
   "Postponement": {
    "type": "object",
    "additionalProperties": false,
    "required": [
     "reason"
    ],
    "properties": {
     "starts": {
      "type": "string"
     },
     "ends": {
      "type": "string"
     },
     "reason": {
      "type": "string"
     }
    }
   },
   "Cancellation": {
    "type": "object",
    "additionalProperties": false,
    "required": [
     "reason"
    ],
    "properties": {
     "reason": {
      "type": "string"
     }
    }
   },
   "Invitation": {
    "type": "object",
    "additionalProperties": false,
    "properties": {
     "person": {
      "type": "string",
      "format": "uuid"
     },
     "name": {
      "type": "string"
     },
     "position": {
      "type": "string"
     },
     "role": {
      "type": "string",
      "enum": [
       "moderator",
       "speaker",
       "participant",
       "media",
       "observer",
       "organiser"
      ]
     },
     "organisation": {
      "type": "string"
     },
     "phone": {
      "type": "string"
     },
     "email": {
      "type": "string"
     },
     "language": {
      "$ref": "#/components/schemas/Language",
      "description": "A new person's language for reminders; when left out, the state language of the event's country (kk, uz or az)."
     }
    }
   },
   "Holding": {
    "type": "object",
    "additionalProperties": false,
    "properties": {
     "present": {
      "type": "array",
      "items": {
       "type": "string",
       "format": "uuid"
      }
     },
     "without_quorum": {
      "type": "boolean"
     },
     "reason": {
      "type": "string"
     },
     "minutes": {
      "type": "string"
     }
    }
   },
   "HoldingReport": {
    "type": "object",
    "required": [
     "event_id",
     "members_in_office",
     "present",
     "quorum",
     "quorum_met",
     "attended"
    ],
    "properties": {
     "event_id": {
      "type": "string",
      "format": "uuid"
     },
     "members_in_office": {
      "type": "integer"
     },
     "present": {
      "type": "integer"
     },
     "quorum": {
      "type": "integer"
     },
     "quorum_met": {
      "type": "boolean"
     },
     "attended": {
      "type": "integer"
     }
    }
   },
   "IssuedCertificates": {
    "type": "object",
    "required": [
     "items"
    ],
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "type": "object",
       "required": [
        "number",
        "person_id",
        "language"
       ],
       "properties": {
        "number": {
         "type": "string"
        },
        "person_id": {
         "type": "string",
         "format": "uuid"
        },
        "language": {
         "$ref": "#/components/schemas/Language"
        }
       }
      }
     }
    }
   },
   "CouncilMemberForm": {
    "type": "object",
    "additionalProperties": false,
    "properties": {
     "person": {
      "type": "string",
      "format": "uuid"
     },
     "name": {
      "type": "string"
     },
     "position": {
      "type": "string"
     },
     "role": {
      "type": "string",
      "enum": [
       "chair",
       "deputy_chair",
       "secretary",
       "member"
      ]
     },
     "term_from": {
      "type": "string",
      "format": "date"
     },
     "term_to": {
      "type": "string",
      "format": "date"
     }
    }
   },
   "CertificateRecord": {
    "type": "object",
    "additionalProperties": false,
    "required": [
     "number",
     "holder",
     "event_title",
     "office_code"
    ],
    "properties": {
     "number": {
      "type": "string"
     },
     "holder": {
      "type": "string"
     },
     "event_title": {
      "type": "string"
     },
     "event_date": {
      "type": "string",
      "format": "date"
     },
     "office_code": {
      "type": "string"
     }
    }
   },
   "AgendaItem": {
    "type": "object",
    "required": [
     "id",
     "position",
     "title"
    ],
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "position": {
      "type": "integer"
     },
     "title": {
      "type": "string"
     },
     "presenter": {
      "type": "string"
     }
    }
   },
   "AgendaList": {
    "type": "object",
    "required": [
     "items"
    ],
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/AgendaItem"
      }
     }
    }
   },
   "AgendaItemForm": {
    "type": "object",
    "additionalProperties": false,
    "required": [
     "title"
    ],
    "properties": {
     "title": {
      "type": "string"
     },
     "presenter": {
      "type": "string"
     }
    }
   },
   "Decision": {
    "type": "object",
    "required": [
     "id",
     "event_id",
     "text"
    ],
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "event_id": {
      "type": "string",
      "format": "uuid"
     },
     "agenda_position": {
      "type": "integer"
     },
     "text": {
      "type": "string"
     }
    }
   },
   "DecisionList": {
    "type": "object",
    "required": [
     "items"
    ],
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Decision"
      }
     }
    }
   },
   "DecisionForm": {
    "type": "object",
    "additionalProperties": false,
    "required": [
     "text"
    ],
    "properties": {
     "text": {
      "type": "string"
     },
     "agenda_item": {
      "type": "integer",
      "minimum": 1
     }
    }
   },
   "Task": {
    "type": "object",
    "required": [
     "id",
     "title",
     "assignee",
     "assignee_kind",
     "due_on",
     "status",
     "overdue",
     "region_code",
     "event_id",
     "decision",
     "reports"
    ],
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "title": {
      "type": "string"
     },
     "assignee": {
      "type": "string"
     },
     "assignee_kind": {
      "type": "string",
      "enum": [
       "person",
       "organisation"
      ]
     },
     "due_on": {
      "type": "string",
      "format": "date"
     },
     "status": {
      "type": "string",
      "enum": [
       "open",
       "done",
       "cancelled"
      ]
     },
     "overdue": {
      "type": "boolean"
     },
     "region_code": {
      "type": "string"
     },
     "council_code": {
      "type": "string"
     },
     "event_id": {
      "type": "string",
      "format": "uuid"
     },
     "decision": {
      "type": "string"
     },
     "reports": {
      "type": "array",
      "items": {
       "type": "object",
       "required": [
        "at",
        "actor",
        "text"
       ],
       "properties": {
        "at": {
         "type": "string",
         "format": "date-time"
        },
        "actor": {
         "type": "string"
        },
        "text": {
         "type": "string"
        }
       }
      }
     }
    }
   },
   "TaskList": {
    "type": "object",
    "required": [
     "items"
    ],
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Task"
      }
     }
    }
   },
   "TaskForm": {
    "type": "object",
    "additionalProperties": false,
    "required": [
     "title",
     "due"
    ],
    "properties": {
     "title": {
      "type": "string"
     },
     "person": {
      "type": "string",
      "format": "uuid"
     },
     "organisation": {
      "type": "string"
     },
     "due": {
      "type": "string",
      "format": "date"
     }
    }
   },
   "TaskReportForm": {
    "type": "object",
    "additionalProperties": false,
    "required": [
     "text"
    ],
    "properties": {
     "text": {
      "type": "string"
     }
    }
   }
  },
  "pathItems": {
   "screen": {
    "parameters": [
     {
      "$ref": "#/components/parameters/applicationID"
     }
    ],
    "post": {
     "tags": [
      "applications"
     ],
     "operationId": "screenApplication",
     "summary": "Start screening.",
     "requestBody": {
      "required": true,
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/TransitionNote"
        }
       }
      }
     },
     "responses": {
      "200": {
       "description": "The application after the change.",
       "content": {
        "application/json": {
         "schema": {
          "$ref": "#/components/schemas/Application"
         }
        }
       }
      },
      "400": {
       "$ref": "#/components/responses/BadRequest"
      },
      "401": {
       "$ref": "#/components/responses/Unauthorized"
      },
      "403": {
       "$ref": "#/components/responses/Forbidden"
      },
      "404": {
       "$ref": "#/components/responses/NotFound"
      },
      "409": {
       "$ref": "#/components/responses/Conflict"
      },
      "413": {
       "$ref": "#/components/responses/TooLarge"
      },
      "415": {
       "$ref": "#/components/responses/UnsupportedMediaType"
      },
      "422": {
       "$ref": "#/components/responses/Unprocessable"
      }
     }
    }
   },
   "request-info": {
    "parameters": [
     {
      "$ref": "#/components/parameters/applicationID"
     }
    ],
    "post": {
     "tags": [
      "applications"
     ],
     "operationId": "requestInformation",
     "summary": "Ask the applicant for more (note required).",
     "requestBody": {
      "required": true,
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/TransitionNote"
        }
       }
      }
     },
     "responses": {
      "200": {
       "description": "The application after the change.",
       "content": {
        "application/json": {
         "schema": {
          "$ref": "#/components/schemas/Application"
         }
        }
       }
      },
      "400": {
       "$ref": "#/components/responses/BadRequest"
      },
      "401": {
       "$ref": "#/components/responses/Unauthorized"
      },
      "403": {
       "$ref": "#/components/responses/Forbidden"
      },
      "404": {
       "$ref": "#/components/responses/NotFound"
      },
      "409": {
       "$ref": "#/components/responses/Conflict"
      },
      "413": {
       "$ref": "#/components/responses/TooLarge"
      },
      "415": {
       "$ref": "#/components/responses/UnsupportedMediaType"
      },
      "422": {
       "$ref": "#/components/responses/Unprocessable"
      }
     }
    }
   },
   "accept": {
    "parameters": [
     {
      "$ref": "#/components/parameters/applicationID"
     }
    ],
    "post": {
     "tags": [
      "applications"
     ],
     "operationId": "acceptApplication",
     "summary": "Accept: the applicant becomes a volunteer.",
     "requestBody": {
      "required": true,
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Acceptance"
        }
       }
      }
     },
     "responses": {
      "200": {
       "description": "The application after the change.",
       "content": {
        "application/json": {
         "schema": {
          "$ref": "#/components/schemas/Application"
         }
        }
       }
      },
      "400": {
       "$ref": "#/components/responses/BadRequest"
      },
      "401": {
       "$ref": "#/components/responses/Unauthorized"
      },
      "403": {
       "$ref": "#/components/responses/Forbidden"
      },
      "404": {
       "$ref": "#/components/responses/NotFound"
      },
      "409": {
       "$ref": "#/components/responses/Conflict"
      },
      "413": {
       "$ref": "#/components/responses/TooLarge"
      },
      "415": {
       "$ref": "#/components/responses/UnsupportedMediaType"
      },
      "422": {
       "$ref": "#/components/responses/Unprocessable"
      }
     }
    }
   },
   "reject": {
    "parameters": [
     {
      "$ref": "#/components/parameters/applicationID"
     }
    ],
    "post": {
     "tags": [
      "applications"
     ],
     "operationId": "rejectApplication",
     "summary": "Reject (note required: the reason).",
     "requestBody": {
      "required": true,
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/TransitionNote"
        }
       }
      }
     },
     "responses": {
      "200": {
       "description": "The application after the change.",
       "content": {
        "application/json": {
         "schema": {
          "$ref": "#/components/schemas/Application"
         }
        }
       }
      },
      "400": {
       "$ref": "#/components/responses/BadRequest"
      },
      "401": {
       "$ref": "#/components/responses/Unauthorized"
      },
      "403": {
       "$ref": "#/components/responses/Forbidden"
      },
      "404": {
       "$ref": "#/components/responses/NotFound"
      },
      "409": {
       "$ref": "#/components/responses/Conflict"
      },
      "413": {
       "$ref": "#/components/responses/TooLarge"
      },
      "415": {
       "$ref": "#/components/responses/UnsupportedMediaType"
      },
      "422": {
       "$ref": "#/components/responses/Unprocessable"
      }
     }
    }
   },
   "withdraw": {
    "parameters": [
     {
      "$ref": "#/components/parameters/applicationID"
     }
    ],
    "post": {
     "tags": [
      "applications"
     ],
     "operationId": "withdrawApplication",
     "summary": "Record the applicant's withdrawal (note required).",
     "requestBody": {
      "required": true,
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/TransitionNote"
        }
       }
      }
     },
     "responses": {
      "200": {
       "description": "The application after the change.",
       "content": {
        "application/json": {
         "schema": {
          "$ref": "#/components/schemas/Application"
         }
        }
       }
      },
      "400": {
       "$ref": "#/components/responses/BadRequest"
      },
      "401": {
       "$ref": "#/components/responses/Unauthorized"
      },
      "403": {
       "$ref": "#/components/responses/Forbidden"
      },
      "404": {
       "$ref": "#/components/responses/NotFound"
      },
      "409": {
       "$ref": "#/components/responses/Conflict"
      },
      "413": {
       "$ref": "#/components/responses/TooLarge"
      },
      "415": {
       "$ref": "#/components/responses/UnsupportedMediaType"
      },
      "422": {
       "$ref": "#/components/responses/Unprocessable"
      }
     }
    }
   },
   "assign": {
    "parameters": [
     {
      "$ref": "#/components/parameters/applicationID"
     }
    ],
    "post": {
     "tags": [
      "applications"
     ],
     "operationId": "assignApplication",
     "summary": "Assign a reviewer.",
     "requestBody": {
      "required": true,
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Assignment"
        }
       }
      }
     },
     "responses": {
      "200": {
       "description": "The application after the change.",
       "content": {
        "application/json": {
         "schema": {
          "$ref": "#/components/schemas/Application"
         }
        }
       }
      },
      "400": {
       "$ref": "#/components/responses/BadRequest"
      },
      "401": {
       "$ref": "#/components/responses/Unauthorized"
      },
      "403": {
       "$ref": "#/components/responses/Forbidden"
      },
      "404": {
       "$ref": "#/components/responses/NotFound"
      },
      "409": {
       "$ref": "#/components/responses/Conflict"
      },
      "413": {
       "$ref": "#/components/responses/TooLarge"
      },
      "415": {
       "$ref": "#/components/responses/UnsupportedMediaType"
      },
      "422": {
       "$ref": "#/components/responses/Unprocessable"
      }
     }
    }
   },
   "extend": {
    "parameters": [
     {
      "$ref": "#/components/parameters/applicationID"
     }
    ],
    "post": {
     "tags": [
      "applications"
     ],
     "operationId": "extendApplication",
     "summary": "Extend the deadline once, by up to 15 working days.",
     "requestBody": {
      "required": true,
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Extension"
        }
       }
      }
     },
     "responses": {
      "200": {
       "description": "The application after the change.",
       "content": {
        "application/json": {
         "schema": {
          "$ref": "#/components/schemas/Application"
         }
        }
       }
      },
      "400": {
       "$ref": "#/components/responses/BadRequest"
      },
      "401": {
       "$ref": "#/components/responses/Unauthorized"
      },
      "403": {
       "$ref": "#/components/responses/Forbidden"
      },
      "404": {
       "$ref": "#/components/responses/NotFound"
      },
      "409": {
       "$ref": "#/components/responses/Conflict"
      },
      "413": {
       "$ref": "#/components/responses/TooLarge"
      },
      "415": {
       "$ref": "#/components/responses/UnsupportedMediaType"
      },
      "422": {
       "$ref": "#/components/responses/Unprocessable"
      }
     }
    }
   }
  }
 }
}
"""#
}
