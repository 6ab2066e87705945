package dev.files.action;

import dev.files.model.FileRecord;
import java.util.ArrayList;
import java.util.List;

/** files.tag.remove: the owner removes tags; tags the file does not carry are ignored. */
final class TagRemoveAction extends TagAction {

  TagRemoveAction(ActionContext ctx) {
    super(ctx, "files.tag.remove");
  }

  @Override
  protected FileRecord change(FileRecord cur, List<String> tags, long now) {
    List<String> next = new ArrayList<>(cur.tags());
    if (!next.removeAll(tags)) {
      return cur;
    }
    return cur.toBuilder().tags(next).updatedAt(now).build();
  }
}
