package dev.files.action;

import dev.files.model.FileRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** files.tag.add: the owner adds tags (normalised like meta.tags; at most 32 in all). */
final class TagAddAction extends TagAction {

  TagAddAction(ActionContext ctx) {
    super(ctx, "files.tag.add");
  }

  @Override
  protected FileRecord change(FileRecord cur, List<String> tags, long now) {
    LinkedHashSet<String> all = new LinkedHashSet<>(cur.tags());
    if (!all.addAll(tags)) {
      return cur;
    }
    List<String> next = Meta.limitTags(new ArrayList<>(all), "tags");
    return cur.toBuilder().tags(next).updatedAt(now).build();
  }
}
