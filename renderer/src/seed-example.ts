// LOX24's documented verify_code.channel.failed example (doc.lox24.eu): what the empty state's curl sends.
export const lox24Example = {
  "id": "e5f6a7b8-9c0d-4e1f-2a3b-4c5d6e7f8a9b",
  "api_version": "2022-05-25",
  "name": "verify_code.channel.failed",
  "created_at": 1735689630,
  "attempt_total": 3,
  "attempt_number": 1,
  "data": {
    "id": "a1b2c3d4-e5f6-7890-abcd-ef1234567890",
    "user_id": 12345,
    "phone": "+4915112345678",
    "routing_strategy": [
      {
        "channel": "telegram",
        "timeout_sec": 30,
        "sender_id": "LOX24"
      },
      {
        "channel": "sms",
        "timeout_sec": 60,
        "sender_id": "LOX24"
      }
    ],
    "status": 5,
    "delivered_channel": null,
    "cost": 5,
    "currency": "EUR",
    "code": "1234",
    "code_length": 4,
    "payload": "session_abc123",
    "created_at": 1735689540,
    "updated_at": 1735689630,
    "history": [
      {
        "id": "a1b2c3d4-d5e6-7890-abcd-ef1234567890",
        "channel": "telegram",
        "status": 20,
        "processed_at": 1735689575,
        "external_id": "tg_msg_001"
      }
    ],
    "is_code_deleted": false,
    "channel": {
      "id": "a1b2c3d4-d5e6-7890-abcd-ef1234567890",
      "channel": "telegram",
      "status": 20,
      "processed_at": 1735689575,
      "external_id": "tg_msg_001",
      "error": "Delivery timeout: no confirmation received within 30 seconds",
      "cost": 5
    }
  },
  "notification_task_id": "77dcf296-fc00-4fc0-9b6d-6f54e85ff975"
} as const;
