"""What courses announce. Other apps (certificates) connect to these; courses never imports them."""

from django.dispatch import Signal

# Sent once, after the transaction commits, when a learner completes a course. Keyword arguments: enrolment.
course_completed = Signal()
