/*
 * Choosing a canned reply puts its words in the reply box, where the moderator reads and adapts
 * them before sending: nothing is posted that the moderator has not seen. A Stimulus controller
 * registered with Wagtail's own application (window.wagtail.app), on the reply forms of the
 * comment queue and the comment page (moderation/admin/forms.py: CannedReplyRadioSelect).
 */
window.wagtail.app.register(
  'moderation-canned-reply',
  class extends window.StimulusModule.Controller {
    static targets = ['body'];

    fill(event) {
      const words = event.target.dataset.replyBody;
      if (words) {
        this.bodyTarget.value = words;
        this.bodyTarget.dispatchEvent(new Event('input', { bubbles: true }));
      }
    }
  },
);
